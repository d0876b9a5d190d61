using System.ClientModel;
using System.Globalization;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using OpenAI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;

namespace Sparring.Models;

/// <summary>
/// Creates chat models for Azure OpenAI deployments or any OpenAI-compatible endpoint, from configuration. Azure OpenAI
/// without an API key is reached with Entra ID (the managed identity in Azure, the developer's login locally).
/// </summary>
/// <param name="configuration">Where endpoints, keys and prices come from.</param>
/// <param name="credential">The Entra ID credential for keyless Azure OpenAI; <see cref="DefaultAzureCredential"/> when null.</param>
public sealed class ChatModelFactory(IConfiguration configuration, TokenCredential? credential = null)
{
    private readonly LlmSettings _settings = LlmSettings.From(configuration);

    /// <summary>A model by deployment (Azure) or model name (OpenAI-compatible).</summary>
    public ChatModel Create(string model, bool cached = false)
    {
        IChatClient client = _settings.Provider switch
        {
            "azure" when _settings.Endpoint is null => throw new ModelConfigurationException("Azure OpenAI needs an endpoint: set Sparring__Llm__Endpoint (or AZURE_OPENAI_ENDPOINT)."),
            "azure" when _settings.ApiKey is null => new AzureOpenAIClient(_settings.Endpoint, credential ?? new DefaultAzureCredential()).GetChatClient(model).AsIChatClient(),
            "azure" => new AzureOpenAIClient(_settings.Endpoint, new ApiKeyCredential(_settings.ApiKey)).GetChatClient(model).AsIChatClient(),
            "openai" when _settings.ApiKey is null => throw new ModelConfigurationException($"No API key for '{model}': set Sparring__Llm__ApiKey (or OPENAI_API_KEY) in the environment, or use Azure OpenAI (Sparring__Llm__Provider=azure), which works without a key through Entra ID."),
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
