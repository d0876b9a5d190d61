using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sparring.Telemetry;

namespace Sparring.Cli.Telemetry;

/// <summary>
/// The CLI's OpenTelemetry for one command: providers started before it runs and flushed (spans, and metrics once,
/// at the end) when it ends; logs go through the CLI's own logger factory to the same exporters.
/// </summary>
internal sealed class CliTelemetry : IDisposable
{
    /// <summary>The service.name of the CLI's telemetry.</summary>
    public const string ServiceName = "sparring-cli";

    private readonly ServiceProvider _services;

    private CliTelemetry(ServiceProvider services) => _services = services;

    /// <summary>
    /// Starts the exporters that <paramref name="configuration"/> turns on (Azure Monitor, OTLP) and the console when
    /// <paramref name="console"/>; null when none is on.
    /// </summary>
    public static CliTelemetry? Start(IConfiguration configuration, bool console, ILoggerFactory logging)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        if (services.AddSparringTelemetry(ServiceName, TelemetryExporters.FromConfiguration(configuration, console)) is null)
        {
            return null;
        }

        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<TracerProvider>();
        _ = provider.GetRequiredService<MeterProvider>();
        foreach (var logs in provider.GetServices<ILoggerProvider>())
        {
            logging.AddProvider(logs);
        }

        return new CliTelemetry(provider);
    }

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();
}
