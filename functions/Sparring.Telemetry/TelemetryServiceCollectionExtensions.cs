using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Sparring.Telemetry;

/// <summary>Registers OpenTelemetry for a host: Sparring's sources and meters, logs with their scopes, the chosen exporters.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Adds tracing (Sparring's sources, the Durable engines' and .NET's HTTP), metrics (Sparring's meters and .NET's HTTP) and logging (scopes
    /// included, so run, tenant and episode ids travel with each log) exported to <paramref name="exporters"/>. With no
    /// exporter nothing is registered: nobody listens, and spans are never created.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="serviceName">The service.name resource attribute (sparring-functions, sparring-cli, sparring-gpu-worker).</param>
    /// <param name="exporters">Where to export.</param>
    /// <param name="configure">More sources, meters or instrumentation for this host.</param>
    /// <returns>The builder, or null when no exporter is on.</returns>
    public static IOpenTelemetryBuilder? AddSparringTelemetry(this IServiceCollection services, string serviceName, TelemetryExporters exporters, Action<IOpenTelemetryBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentNullException.ThrowIfNull(exporters);
        if (!exporters.Any)
        {
            return null;
        }

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(TelemetryServiceCollectionExtensions).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing.AddSource(SparringTelemetry.Sources).AddSource([.. SparringTelemetry.DurableSources, .. SparringTelemetry.HttpSources]))
            .WithMetrics(metrics => metrics.AddMeter(SparringTelemetry.Sources).AddMeter([.. SparringTelemetry.HttpMeters]))
            .WithLogging(configureBuilder: null, configureOptions: options =>
            {
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
            });
        if (exporters.AzureMonitorConnectionString is { } connectionString)
        {
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (exporters.AzureMonitorEntraId)
                {
                    options.Credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = exporters.AzureMonitorClientId });
                }
            });
        }

        if (exporters.Otlp)
        {
            // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* settings.
            builder.UseOtlpExporter();
        }

        if (exporters.Console)
        {
            builder.WithTracing(tracing => tracing.AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddConsoleExporter())
                .WithLogging(logging => logging.AddConsoleExporter());
        }

        configure?.Invoke(builder);
        return builder;
    }
}
