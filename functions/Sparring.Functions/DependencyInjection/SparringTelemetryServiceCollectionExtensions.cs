using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sparring.Telemetry;

namespace Sparring.Functions.DependencyInjection;

/// <summary>Registers the Function App's OpenTelemetry (docs/observability.md).</summary>
public static class SparringTelemetryServiceCollectionExtensions
{
    /// <summary>The service.name of the Function App's telemetry where the Functions resource detector gives none.</summary>
    public const string ServiceName = "sparring-functions";

    /// <summary>
    /// Exports Sparring's spans, metrics and logs (scopes included) to Azure Monitor when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set and to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is, with
    /// the Functions worker's defaults (its invocation spans joined to the host's trace, the app's resource attributes).
    /// The host's own telemetry follows host.json's <c>telemetryMode: OpenTelemetry</c>. Neither setting: nothing is added.
    /// </summary>
    public static IServiceCollection AddSparringTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSparringTelemetry(ServiceName, TelemetryExporters.FromConfiguration(configuration), builder => builder.UseFunctionsWorkerDefaults());
        return services;
    }
}
