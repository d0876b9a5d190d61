using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sparring.Telemetry;

namespace Sparring.Cli.Tests;

public sealed partial class TelemetryTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("sparring-telemetry-").FullName;

    private static string MiniShop => Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task A_local_run_with_telemetry_console_prints_one_trace_from_the_run_down_to_each_episodes_model_and_tool_calls()
    {
        var (code, output) = await SparringAsync("run", MiniShop, "--policy", "random", "-k", "1", "--run-id", "traced", "--out", _output, "--telemetry", "console");

        Assert.Equal(0, code);
        var spans = Spans(output);
        var run = Assert.Single(spans, s => s.Name == "run traced");
        Assert.Equal("local", run.Tags["sparring.tenant"]);
        Assert.All(spans, s => Assert.Equal(run.TraceId, s.TraceId));
        foreach (var episodeId in new[] { "cancel-a1.0", "refund-dispute.0", "smoke-alarm.0" })
        {
            var episode = Assert.Single(spans, s => s.Name == $"episode {episodeId}");
            Assert.Equal(("traced", "local"), (episode.Tags["sparring.run.id"], episode.Tags["sparring.tenant"]));
            var children = spans.Where(s => s.ParentId == episode.SpanId).ToList();
            Assert.Contains(children, s => s.Name.StartsWith("chat ", StringComparison.Ordinal) && s.Tags["sparring.model.role"] == "policy");
            Assert.All(children, s => Assert.Equal(episodeId, s.Tags["sparring.episode.id"]));
            var activity = Assert.Single(spans, s => s.SpanId == episode.ParentId);
            Assert.Equal("RunEpisodeActivity", activity.Name);
        }

        Assert.Contains(spans, s => s.Name.StartsWith("execute_tool ", StringComparison.Ordinal) && s.Tags.ContainsKey("sparring.tool.outcome"));
        Assert.Contains("Metric Name: sparring.episodes,", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_exporter_nothing_is_printed_but_the_command_s_own_output()
    {
        var (code, output) = await SparringAsync("eval", MiniShop, "--policy", "random", "--run-id", "quiet", "--out", _output);

        Assert.Equal(0, code);
        Assert.DoesNotContain("Activity.TraceId", output, StringComparison.Ordinal);
        Assert.Contains("mean reward", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Exporters_turn_on_by_the_standard_settings()
    {
        var none = TelemetryExporters.FromConfiguration(Configuration(new() { [TelemetryExporters.OtlpSetting] = " " }));
        var both = TelemetryExporters.FromConfiguration(Configuration(new()
        {
            [TelemetryExporters.AzureMonitorSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000",
            [TelemetryExporters.OtlpSetting] = "http://localhost:4317",
        }));

        Assert.False(none.Any);
        Assert.Null(new ServiceCollection().AddSparringTelemetry("test", none));
        Assert.Equal(("InstrumentationKey=00000000-0000-0000-0000-000000000000", true, false), (both.AzureMonitorConnectionString, both.Otlp, both.Console));
        Assert.True(TelemetryExporters.FromConfiguration(Configuration([]), console: true).Any);
        Assert.False(both.AzureMonitorEntraId);
    }

    [Theory]
    [InlineData("Authorization=AAD", true, null)]
    [InlineData("Authorization=AAD;ClientId=1b2c3d4e-0000-0000-0000-000000000000", true, "1b2c3d4e-0000-0000-0000-000000000000")]
    [InlineData("authorization = aad ; clientid = abc", true, "abc")]
    [InlineData("", false, null)]
    public void Entra_ID_ingestion_follows_the_authentication_string(string authentication, bool entraId, string? clientId)
    {
        var exporters = TelemetryExporters.FromConfiguration(Configuration(new()
        {
            [TelemetryExporters.AzureMonitorSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000",
            [TelemetryExporters.AzureMonitorAuthenticationSetting] = authentication,
        }));

        Assert.Equal((entraId, clientId), (exporters.AzureMonitorEntraId, exporters.AzureMonitorClientId));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static async Task<(int Code, string Output)> SparringAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sparring.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the console exporter: a developer's own collector or Application Insights settings stay out of the test.
        start.Environment.Remove(TelemetryExporters.AzureMonitorSetting);
        start.Environment.Remove(TelemetryExporters.OtlpSetting);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The spans the console exporter printed.</summary>
    private static List<Span> Spans(string output) =>
        [.. output.Split("Activity.TraceId:", StringSplitOptions.None).Skip(1).Select(block =>
        {
            var lines = block.Split('\n');
            string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim() ?? string.Empty;
            var tags = lines.SkipWhile(l => !l.StartsWith("Activity.Tags:", StringComparison.Ordinal)).Skip(1)
                .Select(l => TagLine().Match(l)).TakeWhile(m => m.Success)
                .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim(), StringComparer.Ordinal);
            return new Span(lines[0].Trim(), Field("Activity.SpanId:"), Field("Activity.ParentSpanId:"), Field("Activity.DisplayName:"), tags);
        })];

    [GeneratedRegex(@"^    ([a-z_.]+): (.*)$")]
    private static partial Regex TagLine();

    private sealed record Span(string TraceId, string SpanId, string ParentId, string Name, Dictionary<string, string> Tags);
}
