using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sparring.Abstractions.Storage;
using Sparring.Functions.DependencyInjection;
using Sparring.Orchestration.Telemetry;
using Sparring.Telemetry;

namespace Sparring.Functions.Tests.DependencyInjection;

public class AddSparringTelemetryTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddSparringTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    [Fact]
    public void Without_a_connection_string_or_collector_no_telemetry_is_registered()
    {
        using var services = Build(new() { [TelemetryExporters.AzureMonitorSetting] = string.Empty, [TelemetryExporters.OtlpSetting] = string.Empty });

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void An_OTLP_endpoint_turns_on_tracing_that_records_Sparrings_spans()
    {
        // A closed port: nothing is sent anywhere; the providers are what is checked.
        using var services = Build(new() { [TelemetryExporters.OtlpSetting] = "http://127.0.0.1:9" });

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
        using var span = OrchestrationTelemetry.StartRun("run", new RunKey("acme", "r1"));
        Assert.NotNull(span);
        Assert.True(span.IsAllDataRequested);
    }

    [Fact]
    public void The_host_exports_OpenTelemetry_and_the_sample_settings_name_both_exporters()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));

        Assert.Equal("OpenTelemetry", host.RootElement.GetProperty("telemetryMode").GetString());
        Assert.True(host.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("tracing").GetProperty("distributedTracingEnabled").GetBoolean());
        var values = sample.RootElement.GetProperty("Values");
        Assert.Equal(string.Empty, values.GetProperty(TelemetryExporters.AzureMonitorSetting).GetString());
        Assert.Equal(string.Empty, values.GetProperty(TelemetryExporters.OtlpSetting).GetString());
    }
}
