using Microsoft.Extensions.Configuration;

namespace Sparring.Models;

/// <summary>
/// Where LLM endpoints come from: configuration (environment variables Sparring__Llm__Endpoint, Sparring__Llm__ApiKey,
/// Sparring__Llm__Provider, or sparring.settings.json), with the usual OPENAI_* and AZURE_OPENAI_* variables as
/// fallbacks. Secrets never come from the command line.
/// </summary>
public sealed record LlmSettings(string Provider, Uri? Endpoint, string? ApiKey)
{
    /// <summary>Reads the settings from configuration.</summary>
    public static LlmSettings From(IConfiguration configuration)
    {
        var endpoint = configuration["Sparring:Llm:Endpoint"] ?? configuration["AZURE_OPENAI_ENDPOINT"] ?? configuration["OPENAI_BASE_URL"];
        var key = configuration["Sparring:Llm:ApiKey"] ?? configuration["AZURE_OPENAI_API_KEY"] ?? configuration["OPENAI_API_KEY"];
        var provider = configuration["Sparring:Llm:Provider"]
            ?? (endpoint is not null && endpoint.Contains(".openai.azure.com", StringComparison.OrdinalIgnoreCase) ? "azure" : "openai");
        return new LlmSettings(provider.ToLowerInvariant(), endpoint is null ? null : new Uri(endpoint), key);
    }
}
