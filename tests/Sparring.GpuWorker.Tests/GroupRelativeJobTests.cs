using System.Text.Json;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.TrainingJobs;
using Sparring.Training.Checkpoints;
using Sparring.Training.Ppo;
using Sparring.TrainingQueue.InProcess;

namespace Sparring.GpuWorker.Tests;

public sealed class GroupRelativeJobTests : IAsyncLifetime
{
    private WorkerFixture _worker = null!;

    public async Task InitializeAsync() => _worker = await WorkerFixture.StartAsync();

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    private static string MiniShop => Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");

    [Fact]
    public async Task A_ppo_job_with_algorithm_grpo_trains_critic_free_and_logs_TRLs_group_metrics()
    {
        var baseCheckpoint = new ModelReference("shop", "sft");
        await _worker.StorePolicyAsync(baseCheckpoint);
        var output = new ModelReference("shop", "grpo-1");
        var job = new TrainingJob
        {
            JobId = "grpo-1",
            Tenant = WorkerFixture.Tenant,
            Kind = TrainingKind.Ppo,
            Environment = new EnvironmentReference(MiniShop),
            BaseCheckpoint = baseCheckpoint,
            Output = output,
            Hyperparameters = H(new() { ["algorithm"] = "grpo", ["beta"] = 0.1, ["advantageScaling"] = "none", ["clipRangeHigh"] = 0.28, ["iterations"] = 2, ["episodesPerScenario"] = 2, ["maxNewTokens"] = 8, ["epochs"] = 1, ["miniBatchSize"] = 2, ["concurrency"] = 2 }),
        };

        await _worker.Queue.SubmitAsync(job, CancellationToken.None);
        var folder = await _worker.DownloadAsync(output);
        using var policy = PolicyCheckpoint.Load(folder);
        Assert.Equal("grpo", policy.Metadata!.Kind);
        var lines = MetricsLog.Read(Path.Combine(folder, "metrics.jsonl"));
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.True(l.ContainsKey("frac_reward_zero_std") && l.ContainsKey("env/mean_reward") && l["beta"] == 0.1));
    }

    [Fact]
    public async Task A_grpo_job_refuses_PPO_only_hyperparameters_and_unknown_algorithms_by_name()
    {
        var baseCheckpoint = new ModelReference("shop", "sft");
        await _worker.StorePolicyAsync(baseCheckpoint);
        var job = new TrainingJob
        {
            JobId = "grpo-1",
            Tenant = WorkerFixture.Tenant,
            Kind = TrainingKind.Ppo,
            Environment = new EnvironmentReference(MiniShop),
            BaseCheckpoint = baseCheckpoint,
            Output = new ModelReference("shop", "grpo-1"),
            Hyperparameters = H(new() { ["algorithm"] = "grpo" }),
        };

        var bad = job with { JobId = "grpo-2", Output = new ModelReference("shop", "grpo-2"), Hyperparameters = H(new() { ["algorithm"] = "grpo", ["lambda"] = 0.9 }) };
        var error = await Assert.ThrowsAsync<TrainingJobFailedException>(() => _worker.Queue.SubmitAsync(bad, CancellationToken.None));
        Assert.Contains("unknown hyperparameter 'lambda'", error.Description, StringComparison.Ordinal);
        var worse = job with { JobId = "grpo-3", Output = new ModelReference("shop", "grpo-3"), Hyperparameters = H(new() { ["algorithm"] = "a2c" }) };
        var error2 = await Assert.ThrowsAsync<TrainingJobFailedException>(() => _worker.Queue.SubmitAsync(worse, CancellationToken.None));
        Assert.Contains("'algorithm' must be grpo, rloo, ppo", error2.Description, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> H(Dictionary<string, object> values) =>
        values.ToDictionary(pair => pair.Key, pair => JsonSerializer.SerializeToElement(pair.Value));
}
