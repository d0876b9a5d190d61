using Sparring.Training.Chat;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Spectre.Console.Testing;
using Sparring.Abstractions.Json;
using Sparring.Models;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparring-cli-").FullName;

    private static string MiniShop => Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var app = new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, console.Output);
    }

    [Fact]
    public async Task Validate_summarizes_a_valid_environment()
    {
        var (code, output) = await RunAsync("validate", MiniShop);

        Assert.Equal(0, code);
        Assert.Contains("valid mini-shop 1.0", output, StringComparison.Ordinal);
        Assert.Contains("scenarios: 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_lists_mistakes_with_file_and_line_and_exits_2()
    {
        var spec = await File.ReadAllTextAsync(Path.Combine(MiniShop, "environment.yaml"));
        Directory.CreateDirectory(Path.Combine(_folder, "broken"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken", "environment.yaml"), spec.Replace("mood: angry", "mood: grumpy", StringComparison.Ordinal));

        var (code, output) = await RunAsync("validate", Path.Combine(_folder, "broken"));

        Assert.Equal(2, code);
        Assert.Matches(@"environment\.yaml:\d+:\d+: \$\.scenarios\[1\]\.persona\.mood: must be one of", output);
    }

    [Fact]
    public async Task Replay_writes_the_gold_state_as_canonical_json_and_prints_its_hash()
    {
        var state = Path.Combine(_folder, "state.json");

        var (code, output) = await RunAsync("replay", MiniShop, "--scenario", "cancel-a1", "--state-out", state);

        Assert.Equal(0, code);
        var text = await File.ReadAllTextAsync(state);
        Assert.StartsWith("""{"orders":{"A1":{"refund":{"at":"2026-03-01T09:00:00.000Z","id":"RF-""", text, StringComparison.Ordinal);
        Assert.Contains($"state hash {Sparring.Engine.State.CanonicalJson.Sha256(text)}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_writes_trajectories_and_a_report_and_prints_the_table()
    {
        var output = Path.Combine(_folder, "run");

        var (code, text) = await RunAsync("eval", MiniShop, "--policy", "random", "-k", "3", "--seed", "9", "--run-id", "r1", "--out", output);

        Assert.Equal(0, code);
        var lines = await File.ReadAllLinesAsync(Path.Combine(output, "trajectories.jsonl"));
        Assert.Equal(9, lines.Length);
        var first = JsonSerializer.Deserialize(lines[0], SparringJsonContext.Default.Trajectory)!;
        Assert.Equal("cancel-a1.0", first.EpisodeId);
        var report = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(output, "report.json")), SparringJsonContext.Default.RunReport)!;
        Assert.Equal(9, report.Episodes);
        Assert.Equal(["1", "2", "3"], report.PassHatK.Keys);
        Assert.Contains("mean reward", text, StringComparison.Ordinal);
        Assert.Contains("pass^3", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "trajectories.jsonl.partial")));
    }

    [Fact]
    public async Task Run_orchestrates_the_episodes_and_leaves_the_run_files_in_the_folder()
    {
        var output = Path.Combine(_folder, "runs");

        var (code, text) = await RunAsync("run", MiniShop, "--policy", "random", "-k", "2", "--run-id", "r2", "--min-reward", "0", "--out", output);

        // The random policy calls mini-shop's broken tools: those episodes fail, are reported, and stay out of the dataset.
        Assert.Equal(0, code);
        var run = Path.Combine(output, "local", "runs", "r2");
        Assert.Equal(6, Directory.GetFiles(Path.Combine(run, "episodes"), "*.json").Length);
        var report = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(run, "report.json")), SparringJsonContext.Default.RunReport)!;
        Assert.Equal(6, report.Episodes);
        var failed = report.Terminations.GetValueOrDefault("error");
        Assert.Equal(6 - failed, (await File.ReadAllLinesAsync(Path.Combine(run, "dataset.jsonl"))).Length);
        Assert.Equal(6, (await File.ReadAllLinesAsync(Path.Combine(run, "trajectories-000.jsonl"))).Length);
        Assert.Contains("embedded Durable Task engine (in memory)", text, StringComparison.Ordinal);
        Assert.Contains($"{6 - failed} of {6 - failed} candidate episodes kept in dataset.jsonl", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_filters_by_split()
    {
        var output = Path.Combine(_folder, "test-split");

        var (code, _) = await RunAsync("eval", MiniShop, "--policy", "random", "--split", "test", "--out", output);

        Assert.Equal(0, code);
        Assert.Equal(2, (await File.ReadAllLinesAsync(Path.Combine(output, "trajectories.jsonl"))).Length);
    }

    [Theory]
    [InlineData("reference", 0.95, 1.0)]
    [InlineData("random", 0.0, 0.3)]
    public async Task The_graders_tell_the_reference_agent_from_a_random_policy(string policy, double atLeast, double atMost)
    {
        var output = Path.Combine(_folder, policy);

        var (code, _) = await RunAsync("eval", RepositoryPaths.Environment("medical-supply-support"), "--policy", policy, "-n", "2", "--out", output);

        Assert.Equal(0, code);
        var report = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(output, "report.json")), SparringJsonContext.Default.RunReport)!;
        Assert.Equal(report.Scenarios, report.Episodes);
        Assert.True(report.Scenarios >= 40);
        Assert.InRange(report.MeanReward, atLeast, atMost);
    }

    [Theory]
    [InlineData("--policy", "gpt", "Unknown policy 'gpt'")]
    [InlineData("--policy", "reference", "no reference agent for 'mini-shop'")]
    [InlineData("--policy", "openai:gpt-4o-mini", "No API key")]
    [InlineData("--user", "robot", "Unknown user 'robot'")]
    [InlineData("--scenario", "nope", "no scenario 'nope'")]
    public async Task Eval_explains_a_wrong_call_and_exits_2(string option, string value, string message)
    {
        string[] policy = option == "--policy" ? [] : ["--policy", "random"];

        var (code, output) = await RunAsync(["eval", MiniShop, .. policy, option, value, "--out", Path.Combine(_folder, "x")]);

        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
