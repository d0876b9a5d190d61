using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;
using Sparring.Models;
using Sparring.Training.Chat;
using Sparring.Transcripts.Json;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests;

public sealed class FidelityCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparring-fidelity-").FullName;

    private static string Environment => Path.Combine(RepositoryPaths.Root, "environments", "medical-supply-support");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var configuration = new ConfigurationBuilder().Build();
        var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var app = new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies);
        return (await app.RunAsync(args, CancellationToken.None), console.Output);
    }

    [Fact]
    public async Task Fidelity_prints_the_feature_table_and_writes_the_report()
    {
        var report = Path.Combine(_folder, "fidelity.json");

        var (code, output) = await RunAsync("fidelity", Environment, "--transcripts", Path.Combine(Environment, "transcripts", "synthetic.jsonl"), "--user", "grounded", "--out", report);

        Assert.Equal(0, code);
        Assert.Contains("Fidelity of grounded:scripted-", output, StringComparison.Ordinal);
        Assert.Contains("vocabulary", output, StringComparison.Ordinal);
        Assert.Contains("classifier accuracy", output, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", output, StringComparison.Ordinal);
        var written = JsonSerializer.Deserialize(await File.ReadAllTextAsync(report), TranscriptsJsonContext.Default.FidelityReport)!;
        Assert.InRange(written.Overall, 0, 1);
        Assert.Equal(6, written.Features.Count);
    }

    [Fact]
    public async Task Fidelity_names_a_missing_transcript_file_and_exits_2()
    {
        var (code, output) = await RunAsync("fidelity", Environment, "--transcripts", Path.Combine(_folder, "nope.jsonl"));

        Assert.Equal(2, code);
        Assert.Contains("nope.jsonl: no such transcript file.", output, StringComparison.Ordinal);
    }
}
