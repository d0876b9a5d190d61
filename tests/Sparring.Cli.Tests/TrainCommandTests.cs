using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;
using Sparring.Models;
using Sparring.Training.Chat;
using Sparring.Training.Checkpoints;
using Sparring.Training.Ppo;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests;

/// <summary>sparring train runs SFT, evaluation, RL (GRPO by default, PPO on request) and evaluation end to end, and leaves checkpoints and a report.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparring-cli-train-").FullName;

    private static string MiniShop => Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_smoke_preset_trains_with_grpo_by_default_evaluates_and_stores_both_checkpoints_with_a_report()
    {
        var transcripts = Path.Combine(_folder, "transcripts.jsonl");
        await File.WriteAllLinesAsync(transcripts, Enumerable.Range(0, 6).Select(i =>
            $$$"""{"messages":[{"role":"user","content":"Hi, I want to cancel my order."},{"role":"assistant","content":"Sure. What is the order id?"},{"role":"user","content":"A{{{i}}}"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"get_order","arguments":"{\"order_id\":\"A{{{i}}}\"}"}}]},{"role":"tool","tool_call_id":"c1","content":"{\"status\":\"processing\"}"},{"role":"assistant","content":"Order A{{{i}}} is processing. Shall I go ahead and cancel it?"}]}"""));
        var output = Path.Combine(_folder, "out");

        var (code, text) = await RunAsync("train", MiniShop, "--preset", "smoke", "--data", transcripts, "--train-id", "t1", "--sft-baseline", "2x64", "--out", output);

        Assert.True(code == 0, text);
        Assert.Contains("SFT policy on held-out scenarios: mean reward", text, StringComparison.Ordinal);
        Assert.Contains("GRPO iteration 1/1: mean reward", text, StringComparison.Ordinal);
        Assert.Contains("groups with equal rewards", text, StringComparison.Ordinal);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "local", "runs", "t1", "train-report.json")));
        Assert.Equal("grpo", report.RootElement.GetProperty("algorithm").GetString());
        Assert.Equal(2, report.RootElement.GetProperty("sftEvaluation").GetProperty("episodes").GetInt32());
        Assert.Equal(2, report.RootElement.GetProperty("ppoEvaluation").GetProperty("episodes").GetInt32());
        var iteration = Assert.Single(report.RootElement.GetProperty("iterations").EnumerateArray());
        Assert.Equal("t1-grpo-001", iteration.GetProperty("runId").GetString());
        Assert.Equal(JsonValueKind.Null, iteration.GetProperty("valueLoss").ValueKind);
        Assert.InRange(iteration.GetProperty("zeroStdGroupShare").GetDouble(), 0, 1);
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "local", "runs", "t1", "train-report.md"));
        Assert.Contains("GRPO on the `dense` training reward", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| SFT \+ GRPO \(0\.\d\d M\) \| 2 \|", markdown);
        Assert.Matches(@"\| SFT only, baseline \(0\.\d\d M\) \| 2 \|", markdown);
        Assert.Equal(2, report.RootElement.GetProperty("baseline").GetProperty("evaluation").GetProperty("episodes").GetInt32());
        Assert.True(report.RootElement.GetProperty("baseline").GetProperty("parameters").GetInt64() > report.RootElement.GetProperty("parameters").GetInt64());

        var models = Path.Combine(output, "local", "models", "mini-shop-policy");
        Assert.True(File.Exists(Path.Combine(models, "t1-sft", "manifest.json")));
        Assert.True(File.Exists(Path.Combine(models, "t1-sft-baseline", "manifest.json")));
        Assert.Contains("t1-grpo", await File.ReadAllTextAsync(Path.Combine(models, "current")), StringComparison.Ordinal);
        var grpo = Path.Combine(models, "t1-grpo");
        var metrics = MetricsLog.Read(Path.Combine(grpo, "metrics.jsonl"));
        Assert.True(metrics[0].ContainsKey("kl") && metrics[0].ContainsKey("frac_reward_zero_std") && metrics[0].ContainsKey("clip_ratio/region_mean"));
        Assert.False(metrics[0].ContainsKey("loss/value_avg"));
        using (var loaded = PolicyCheckpoint.Load(grpo))
        {
            Assert.Equal("grpo", loaded.Metadata!.Kind);
            Assert.Equal("mini-shop-policy@t1-sft", loaded.Metadata.BaseCheckpoint);
        }

        var (evalCode, evalText) = await RunAsync("eval", MiniShop, "--policy", $"checkpoint:{grpo}", "--out", Path.Combine(_folder, "eval"));
        Assert.True(evalCode == 0, evalText);

        var (againCode, againText) = await RunAsync("train", MiniShop, "--preset", "smoke", "--data", transcripts, "--train-id", "t2", "--from", Path.Combine(models, "t1-sft"), "--algorithm", "ppo", "--out", output);
        Assert.True(againCode == 0, againText);
        Assert.Contains("Starting from the SFT checkpoint", againText, StringComparison.Ordinal);
        Assert.DoesNotContain("SFT on ", againText, StringComparison.Ordinal);
        Assert.Contains("PPO iteration 1/1: mean reward", againText, StringComparison.Ordinal);
        var ppo = Path.Combine(models, "t2-ppo");
        Assert.True(File.Exists(Path.Combine(ppo, "manifest.json")));
        var ppoMetrics = MetricsLog.Read(Path.Combine(ppo, "metrics.jsonl"));
        Assert.True(ppoMetrics[0].ContainsKey("objective/kl") && ppoMetrics[0].ContainsKey("policy/clipfrac_avg") && ppoMetrics[0].ContainsKey("loss/value_avg"));
        using var again = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "local", "runs", "t2", "train-report.json")));
        Assert.Equal("ppo", again.RootElement.GetProperty("algorithm").GetString());
    }

    [Fact]
    public async Task An_unknown_algorithm_is_refused()
    {
        var output = Path.Combine(_folder, "out");
        var (code, _) = await RunAsync("train", MiniShop, "--preset", "smoke", "--data", Path.Combine(RepositoryPaths.Environment("medical-supply-support"), "transcripts", "synthetic.jsonl"), "--algorithm", "a2c", "--out", output);

        // A parse error (System.CommandLine's exit code, its message on stderr): nothing ran.
        Assert.Equal(1, code);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("8", "is not <layers>x<width>")]
    [InlineData("99x64", "layers must be between 1 and 64")]
    public async Task A_baseline_shape_that_cannot_be_built_is_named(string shape, string message)
    {
        var (code, text) = await RunAsync("train", MiniShop, "--preset", "smoke", "--data", Path.Combine(RepositoryPaths.Environment("medical-supply-support"), "transcripts", "synthetic.jsonl"), "--sft-baseline", shape, "--out", _folder);

        Assert.Equal(2, code);
        Assert.Contains(message, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_training_data_is_named()
    {
        var (code, text) = await RunAsync("train", MiniShop, "--preset", "smoke", "--data", Path.Combine(_folder, "none.jsonl"), "--out", _folder);

        Assert.Equal(2, code);
        Assert.Contains("none.jsonl does not exist", text, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var configuration = new ConfigurationBuilder().Build();
        await using var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var app = new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, console.Output);
    }
}
