using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;
using Sparring.Models;
using Sparring.Training.Chat;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests;

/// <summary>
/// sparring nightly end to end on the embedded engine: a transcript drop, redaction, grounded scenarios, a data run of
/// the current policy, a real SFT job, the held-out gate runs, and both outcomes of the promotion gate.
/// </summary>
public sealed class NightlyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparring-cli-nightly-").FullName;

    private static string MiniShop => Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Conversation(int i) =>
        $$$"""{"messages":[{"role":"user","content":"Hi, I want to cancel my order A{{{i}}}. My email is jo{{{i}}}@example.com."},{"role":"assistant","content":"Sure. Let me look at order A{{{i}}}."},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_order","arguments":"{\"order_id\":\"A{{{i}}}\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"{\"status\":\"processing\"}"},{"role":"assistant","content":"Order A{{{i}}} is processing. Shall I go ahead and cancel it?"},{"role":"user","content":"Yes please, thanks!"}]}""";

    [Fact]
    public async Task A_transcript_drop_trains_a_candidate_that_the_gate_promotes_or_keeps_by_its_margin()
    {
        var output = Path.Combine(_folder, "out");
        var transcripts = Path.Combine(_folder, "transcripts.jsonl");
        await File.WriteAllLinesAsync(transcripts, Enumerable.Range(0, 6).Select(Conversation));
        var (trained, trainText) = await RunAsync("train", MiniShop, "--preset", "smoke", "--data", transcripts, "--train-id", "base", "--out", output);
        Assert.True(trained == 0, trainText);

        var day = Path.Combine(output, "local", "transcripts", "2026", "11", "26");
        Directory.CreateDirectory(day);
        await File.WriteAllLinesAsync(Path.Combine(day, "calls.jsonl"), Enumerable.Range(10, 4).Select(Conversation));
        await File.WriteAllTextAsync(Path.Combine(day, "phone.txt"), "Customer: Hello, my card 4111 1111 1111 1111 was charged twice for order A7.\nAgent: I'm sorry about that. Let me check order A7.\nCustomer: Thank you.\n");

        var (promotedCode, promoted) = await NightlyAsync("2026-11-27T02:00Z", margin: "-1");

        Assert.True(promotedCode == 0, promoted);
        Assert.Contains("promoted", promoted, StringComparison.Ordinal);
        var models = Path.Combine(output, "local", "models", "mini-shop-policy");
        Assert.Contains("nightly-20261127", await File.ReadAllTextAsync(Path.Combine(models, "current")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(models, "nightly-20261127", "manifest.json")));
        var grounding = await File.ReadAllTextAsync(Path.Combine(output, "local", "nightly", "nightly-20261127", "transcripts.redacted.json"));
        Assert.DoesNotContain("@example.com", grounding, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", grounding, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Path.Combine(output, "local", "runs", "nightly-20261127", "nightly-report.md"));
        Assert.Contains("Conversations: 5", report, StringComparison.Ordinal);
        Assert.Contains("Decision: promote", report, StringComparison.Ordinal);
        Assert.Matches(@"Mock-user fidelity against the transcripts: [01]\.\d{3}", report);
        Assert.True(File.Exists(Path.Combine(output, "local", "runs", "nightly-20261127", "fidelity.json")));

        var next = Path.Combine(output, "local", "transcripts", "2026", "11", "27");
        Directory.CreateDirectory(next);
        await File.WriteAllLinesAsync(Path.Combine(next, "calls.jsonl"), Enumerable.Range(20, 3).Select(Conversation));

        var (keptCode, kept) = await NightlyAsync("2026-11-28T02:00Z", margin: "1");

        Assert.True(keptCode == 0, kept);
        Assert.Contains("kept", kept, StringComparison.Ordinal);
        Assert.Contains("nightly-20261127", await File.ReadAllTextAsync(Path.Combine(models, "current")), StringComparison.Ordinal);
        Assert.Contains("keep the current policy", await File.ReadAllTextAsync(Path.Combine(output, "local", "runs", "nightly-20261128", "nightly-report.md")), StringComparison.Ordinal);

        Task<(int, string)> NightlyAsync(string now, string margin) => RunAsync(
            "nightly", "--tenant", "local", "--now", now, "--env", MiniShop, "--model", "mini-shop-policy", "--out", output,
            "--margin", margin, "--min-reward", "0", "--epochs", "1", "-k", "1", "--device", "cpu", "--work", Path.Combine(_folder, "work"));
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var configuration = new ConfigurationBuilder().Build();
        await using var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var code = await new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies).RunAsync(args, CancellationToken.None);
        return (code, console.Output);
    }
}
