using Microsoft.Extensions.Configuration;

namespace Sparring.Functions.Nightly;

/// <summary>The nightly retraining's settings (<c>Sparring:Nightly</c>); each tenant's CRON comes from the tenant directory.</summary>
public sealed record NightlyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sparring:Nightly";

    /// <summary>The stored environment (name) the policy works in.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Its version.</summary>
    public string? EnvironmentVersion { get; init; }

    /// <summary>The policy's model name in the checkpoint store; default <c>{EnvironmentName}-policy</c>.</summary>
    public string? PolicyModel { get; init; }

    /// <summary>The Service Bus namespace (<c>*.servicebus.windows.net</c>, managed identity) or a connection string.</summary>
    public string? ServiceBus { get; init; }

    /// <summary>The queue training jobs go to.</summary>
    public string TrainingQueue { get; init; } = "training-jobs";

    /// <summary>The Function App's base URL, for the raise-event URL the worker calls when a job ends.</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>The Durable extension's system key (a Key Vault reference in Azure), which the raise-event URL carries.</summary>
    public string? DurableSystemKey { get; init; }

    /// <summary>The model that derives scenarios and personas from the redacted transcripts (a deployment); none: the heuristic.</summary>
    public string? DerivationModel { get; init; }

    /// <summary>Promotion margin on the held-out mean reward.</summary>
    public double PromotionMargin { get; init; } = 0.02;

    /// <summary>Episodes per scenario in each evaluation.</summary>
    public int EpisodesPerScenario { get; init; } = 2;

    /// <summary>How long to wait for training.</summary>
    public TimeSpan TrainingTimeout { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Reads the section; missing values are reported when a nightly run needs them.</summary>
    public static NightlyOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).Get<NightlyOptions>() ?? new NightlyOptions();
    }
}
