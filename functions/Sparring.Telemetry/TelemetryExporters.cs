using Microsoft.Extensions.Configuration;

namespace Sparring.Telemetry;

/// <summary>
/// Where a host sends its traces, metrics and logs: Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is
/// set, an OTLP collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the console when asked (the CLI's
/// <c>--telemetry console</c>). Any combination; none means no telemetry is collected at all.
/// </summary>
public sealed record TelemetryExporters
{
    /// <summary>The setting that turns the Azure Monitor exporter on.</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Application Insights' setting for Entra ID ingestion (<c>Authorization=AAD</c>, with <c>ClientId=…</c> for a
    /// user-assigned identity), required where the resource disables local authentication, as bicep/ deploys it.
    /// </summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The setting that turns the OTLP exporter on (its other settings are the standard OTEL_EXPORTER_OTLP_* ones).</summary>
    public const string OtlpSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Application Insights connection string, when Azure Monitor is on.</summary>
    public string? AzureMonitorConnectionString { get; init; }

    /// <summary>Whether Azure Monitor ingestion authenticates with Entra ID (the host's managed identity, or whatever DefaultAzureCredential finds).</summary>
    public bool AzureMonitorEntraId { get; init; }

    /// <summary>The client id of the user-assigned managed identity that authenticates ingestion, when one is named.</summary>
    public string? AzureMonitorClientId { get; init; }

    /// <summary>Whether the OTLP exporter is on.</summary>
    public bool Otlp { get; init; }

    /// <summary>Whether spans, metrics and logs are printed on standard output.</summary>
    public bool Console { get; init; }

    /// <summary>Whether any exporter is on.</summary>
    public bool Any => AzureMonitorConnectionString is not null || Otlp || Console;

    /// <summary>The exporters <paramref name="configuration"/> turns on, plus the console when <paramref name="console"/>.</summary>
    public static TelemetryExporters FromConfiguration(IConfiguration configuration, bool console = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var authentication = (configuration[AzureMonitorAuthenticationSetting] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        return new TelemetryExporters
        {
            AzureMonitorConnectionString = NullIfBlank(configuration[AzureMonitorSetting]),
            AzureMonitorEntraId = string.Equals(authentication.GetValueOrDefault("Authorization"), "AAD", StringComparison.OrdinalIgnoreCase),
            AzureMonitorClientId = NullIfBlank(authentication.GetValueOrDefault("ClientId")),
            Otlp = NullIfBlank(configuration[OtlpSetting]) is not null,
            Console = console,
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
