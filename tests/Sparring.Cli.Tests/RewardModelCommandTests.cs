using Sparring.Training.Chat;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Trajectories;
using Sparring.Cli.Commands;
using Sparring.Models;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests;

/// <summary>sparring reward-model trains on judged trajectories, and --judge reward-model:&lt;folder&gt; then scores rubrics with it.</summary>
public sealed class RewardModelCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sparring-cli-rm-").FullName;

    private static string MiniShop => Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_reward_model_trained_on_judged_trajectories_then_scores_the_rubric_of_an_evaluation()
    {
        var judged = Path.Combine(_folder, "judged");
        Assert.Equal(0, (await RunAsync("eval", MiniShop, "--policy", "random", "-k", "4", "--out", judged)).Code);
        await JudgeAsync(Path.Combine(judged, "trajectories.jsonl"));
        var model = Path.Combine(_folder, "rm");

        var (code, output) = await RunAsync("reward-model", MiniShop, "--trajectories", judged, "--out", model, "--epochs", "2", "--holdout", "0.25", "--context", "128", "--width", "32", "--vocabulary", "300");

        Assert.True(code == 0, output);
        Assert.Contains("Training a reward model for quality (empathy) of mini-shop@1.0 on 12 judged trajectories", output, StringComparison.Ordinal);
        Assert.Matches(@"agreement with the judge on 3 held-out trajectories, trained on 9", output);
        Assert.Matches(@"empathy\s+(-?\d\.\d{3}|n/a)\s+", output);
        Assert.Contains($"--judge reward-model:{model}", output, StringComparison.Ordinal);
        Assert.All(["config.json", "tokenizer.json", "checkpoint.bin", "report.json", "training.json"], file => Assert.True(File.Exists(Path.Combine(model, file)), file));

        var scored = Path.Combine(_folder, "scored");
        var eval = await RunAsync("eval", MiniShop, "--policy", "random", "--judge", $"reward-model:{model}", "--out", scored);
        Assert.True(eval.Code == 0, eval.Output);
        var trajectory = JsonSerializer.Deserialize((await File.ReadAllLinesAsync(Path.Combine(scored, "trajectories.jsonl")))[0], SparringJsonContext.Default.Trajectory)!;
        var quality = trajectory.Graders.Single(g => g.Name == "quality");
        Assert.True(quality.Applicable);
        Assert.InRange(quality.Criteria!["empathy"], 0, 1);
        Assert.StartsWith($"scored by the reward model reward-model:{model}@", quality.Reason, StringComparison.Ordinal);
        Assert.Equal("reward-model", trajectory.Judge!.Kind);

        var again = await RunAsync("reward-model", MiniShop, "--trajectories", scored, "--out", Path.Combine(_folder, "rm2"));
        Assert.Equal(2, again.Code);
        Assert.Contains("has a judge's scores for 'quality'", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_reward_model_is_named_and_exits_2()
    {
        var (code, output) = await RunAsync("eval", MiniShop, "--policy", "random", "--judge", $"reward-model:{_folder}", "--out", Path.Combine(_folder, "run"));

        Assert.Equal(2, code);
        Assert.Contains($"reward model {_folder}: {Path.Combine(_folder, "config.json")}: missing", output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var app = new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies, RewardModelCommand.LoadScorer), policies);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, console.Output);
    }

    // Stands in for a judge: alternate episodes get a low and a high empathy score.
    private static async Task JudgeAsync(string path)
    {
        var lines = await File.ReadAllLinesAsync(path);
        var judged = lines.Select((line, i) =>
        {
            var trajectory = JsonSerializer.Deserialize(line, SparringJsonContext.Default.Trajectory)!;
            var graders = trajectory.Graders.Select(g => g.Name == "quality"
                ? g with { Applicable = true, Score = i % 2 == 0 ? 0.25 : 0.75, Reason = "judged", Criteria = new Dictionary<string, double> { ["empathy"] = i % 2 == 0 ? 0.25 : 0.75 } }
                : g).ToList();
            return JsonSerializer.Serialize(trajectory with { Graders = graders, Judge = new ModelIdentity("test", "judge") }, SparringJsonContext.Default.Trajectory);
        });
        await File.WriteAllLinesAsync(path, judged);
    }
}
