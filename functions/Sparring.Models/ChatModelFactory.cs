using System.ClientModel;
using System.Globalization;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpenAI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;

namespace Sparring.Models;

/// <summary>Creates chat models for Azure OpenAI deployments or any OpenAI-compatible endpoint, from configuration.</summary>
/// <param name="configuration">Where endpoints, keys and prices come from.</param>
public sealed class ChatModelFactory(IConfiguration configuration)
{
    private readonly LlmSettings _settings = LlmSettings.From(configuration);

    /// <summary>A model by deployment (Azure) or model name (OpenAI-compatible).</summary>
    public ChatModel Create(string model, bool cached = false)
    {
        if (_settings.ApiKey is null)
        {
            throw new ModelConfigurationException($"No API key for '{model}': set Sparring__Llm__ApiKey (or AZURE_OPENAI_API_KEY / OPENAI_API_KEY) in the environment.");
        }

        IChatClient client = _settings.Provider switch
        {
            "azure" when _settings.Endpoint is null => throw new ModelConfigurationException("Azure OpenAI needs an endpoint: set Sparring__Llm__Endpoint (or AZURE_OPENAI_ENDPOINT)."),
            "azure" => new AzureOpenAIClient(_settings.Endpoint, new ApiKeyCredential(_settings.ApiKey)).GetChatClient(model).AsIChatClient(),
            "openai" => new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(_settings.ApiKey), new OpenAIClientOptions { Endpoint = _settings.Endpoint ?? new Uri("https://api.openai.com/v1") }).AsIChatClient(),
            var other => throw new ModelConfigurationException($"Unknown LLM provider '{other}' in Sparring__Llm__Provider: use azure or openai."),
        };

        if (cached)
        {
            // Judging the same transcript twice (a re-run, a re-grade) costs nothing the second time.
            var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
            client = client.AsBuilder().UseDistributedCache(cache).Build();
        }

        return new ChatModel(client, new ModelIdentity(_settings.Provider, model), Pricing(model));
    }

    private ModelPricing Pricing(string model)
    {
        var section = configuration.GetSection($"Sparring:Pricing:{model}");
        return new ModelPricing(Price(section["InputPerMillion"]), Price(section["OutputPerMillion"]));
    }

    private static decimal Price(string? text) =>
        text is null ? 0 : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
