using System.Text.Json;
using Sparring.Abstractions.Storage;
using Sparring.Training.Checkpoints;
using Sparring.Training.Ppo;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.InProcess;

namespace Sparring.GpuWorker.Tests;

public sealed class TrainingJobRunnerTests : IAsyncLifetime
{
    private WorkerFixture _worker = null!;

    public async Task InitializeAsync() => _worker = await WorkerFixture.StartAsync();

    public async Task DisposeAsync() => await _worker.DisposeAsync();

    [Fact]
    public async Task An_sft_job_stores_a_loadable_checkpoint_and_the_same_job_again_is_already_trained()
    {
        var output = new ModelReference("support", "1");
        var job = WorkerFixture.SftJob("sft-1", output);

        var first = await _worker.Queue.SubmitAsync(job, CancellationToken.None);

        Assert.Equal(new TrainingJobResult(output, AlreadyTrained: false), first);
        using (var policy = PolicyCheckpoint.Load(await _worker.DownloadAsync(output)))
        {
            Assert.Equal("sft", policy.Metadata!.Kind);
            Assert.True(policy.Metadata.Complete);
            Assert.Equal(4, policy.Metadata.Steps);
            Assert.Equal(32, policy.Config.Model.Width);
        }

        Assert.Null(await _worker.Checkpoints.GetCurrentAsync(WorkerFixture.Tenant, "support", CancellationToken.None));
        _worker.Logs.Clear();

        var second = await _worker.Queue.SubmitAsync(job, CancellationToken.None);

        Assert.Equal(new TrainingJobResult(output, AlreadyTrained: true), second);
        Assert.DoesNotContain(_worker.Logs.Messages, message => message.Contains("SFT step", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Promote_true_moves_the_current_pointer_to_the_output()
    {
        var output = new ModelReference("support", "2");

        await _worker.Queue.SubmitAsync(WorkerFixture.SftJob("sft-2", output, extra: new Dictionary<string, object> { ["promote"] = true }), CancellationToken.None);

        Assert.Equal(output, await _worker.Checkpoints.GetCurrentAsync(WorkerFixture.Tenant, "support", CancellationToken.None));
    }

    [Theory]
    [InlineData("learningRat", 0.01, "unknown hyperparameter 'learningRat' for a sft job")]
    [InlineData("epochs", "ten", "hyperparameter 'epochs' must be an integer, not \"ten\"")]
    public async Task A_bad_hyperparameter_dead_letters_the_job_naming_it(string name, object value, string expected)
    {
        var job = WorkerFixture.SftJob("sft-bad", new ModelReference("support", "3"), extra: new Dictionary<string, object> { [name] = value });

        var failure = await Assert.ThrowsAsync<TrainingJobFailedException>(() => _worker.Queue.SubmitAsync(job, CancellationToken.None));

        Assert.Equal("PermanentFailure", failure.Reason);
        Assert.Contains(expected, failure.Description, StringComparison.Ordinal);
        Assert.False(await _worker.Checkpoints.ExistsAsync(WorkerFixture.Tenant, job.Output, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_dataset_or_base_checkpoint_dead_letters_the_job_naming_the_reference()
    {
        var missingFile = WorkerFixture.SftJob("sft-nofile", new ModelReference("support", "4")) with { Datasets = [new DatasetReference(Path: "transcripts/none.jsonl")] };
        var missingRun = WorkerFixture.SftJob("sft-norun", new ModelReference("support", "4")) with { Datasets = [new DatasetReference(RunId: "run-404")] };
        var missingBase = new TrainingJob
        {
            JobId = "ppo-nobase",
            Tenant = WorkerFixture.Tenant,
            Kind = TrainingKind.Ppo,
            Environment = new EnvironmentReference(MiniShop),
            BaseCheckpoint = new ModelReference("support", "404"),
            Output = new ModelReference("support", "5"),
        };

        Assert.Contains("acme/transcripts/none.jsonl does not exist", (await Assert.ThrowsAsync<TrainingJobFailedException>(() => _worker.Queue.SubmitAsync(missingFile, CancellationToken.None))).Description, StringComparison.Ordinal);
        Assert.Contains("run acme/runs/run-404/ has no dataset.jsonl", (await Assert.ThrowsAsync<TrainingJobFailedException>(() => _worker.Queue.SubmitAsync(missingRun, CancellationToken.None))).Description, StringComparison.Ordinal);
        Assert.Contains("baseCheckpoint support@404", (await Assert.ThrowsAsync<TrainingJobFailedException>(() => _worker.Queue.SubmitAsync(missingBase, CancellationToken.None))).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ppo_job_plays_episodes_of_the_environment_and_stores_the_policy_with_trl_metrics()
    {
        await _worker.StorePolicyAsync(ShopSft);
        var job = RlJob("ppo-1", new() { ["iterations"] = 2, ["episodesPerScenario"] = 2, ["maxNewTokens"] = 8, ["epochs"] = 1, ["miniBatchSize"] = 2, ["concurrency"] = 2 });
        var output = job.Output;

        var result = await _worker.Queue.SubmitAsync(job, CancellationToken.None);

        Assert.False(result.AlreadyTrained);
        var folder = await _worker.DownloadAsync(output);
        using var policy = PolicyCheckpoint.Load(folder);
        Assert.Equal("ppo", policy.Metadata!.Kind);
        Assert.Equal(2, policy.Metadata.Steps);
        Assert.Equal("shop@sft", policy.Metadata.BaseCheckpoint);
        var lines = MetricsLog.Read(Path.Combine(folder, "metrics.jsonl"));
        Assert.Equal([1.0, 2.0], lines.Select(line => line["step"]));
        foreach (var name in new[] { "objective/kl", "objective/entropy", "objective/rlhf_reward", "policy/approxkl_avg", "policy/clipfrac_avg", "loss/policy_avg", "loss/value_avg", "val/clipfrac_avg", "val/var_explained", "env/mean_reward" })
        {
            Assert.All(lines, line => Assert.True(line.ContainsKey(name) && double.IsFinite(line[name]), name));
        }

        // Two episodes of the one train scenario per iteration: PPO scored exactly those.
        Assert.All(lines, line => Assert.Equal(2, line["episodes"]));
    }

    [Fact]
    public async Task A_ppo_job_with_algorithm_grpo_trains_critic_free_and_logs_TRLs_group_metrics()
    {
        await _worker.StorePolicyAsync(ShopSft);
        var job = RlJob("grpo-1", new() { ["algorithm"] = "grpo", ["beta"] = 0.1, ["advantageScaling"] = "none", ["clipRangeHigh"] = 0.28, ["iterations"] = 2, ["episodesPerScenario"] = 2, ["maxNewTokens"] = 8, ["epochs"] = 1, ["miniBatchSize"] = 2, ["concurrency"] = 2 });

        await _worker.Queue.SubmitAsync(job, CancellationToken.None);

        var folder = await _worker.DownloadAsync(job.Output);
        using var policy = PolicyCheckpoint.Load(folder);
        Assert.Equal("grpo", policy.Metadata!.Kind);
        var lines = MetricsLog.Read(Path.Combine(folder, "metrics.jsonl"));
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.True(l.ContainsKey("frac_reward_zero_std") && l.ContainsKey("env/mean_reward") && l["beta"] == 0.1));
    }

    [Fact]
    public async Task A_grpo_job_refuses_PPO_only_hyperparameters_and_unknown_algorithms_by_name()
    {
        await _worker.StorePolicyAsync(ShopSft);
        var ppoOnly = RlJob("grpo-2", new() { ["algorithm"] = "grpo", ["lambda"] = 0.9 });
        var unknown = RlJob("grpo-3", new() { ["algorithm"] = "a2c" });

        Assert.Contains("unknown hyperparameter 'lambda'", (await Assert.ThrowsAsync<TrainingJobFailedException>(() => _worker.Queue.SubmitAsync(ppoOnly, CancellationToken.None))).Description, StringComparison.Ordinal);
        Assert.Contains("'algorithm' must be grpo, rloo, ppo", (await Assert.ThrowsAsync<TrainingJobFailedException>(() => _worker.Queue.SubmitAsync(unknown, CancellationToken.None))).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_interrupted_mid_training_saves_a_partial_checkpoint_and_the_next_delivery_resumes_from_it()
    {
        var output = new ModelReference("support", "9");
        var job = WorkerFixture.SftJob("sft-long", output, epochs: 30);
        using var stop = new CancellationTokenSource();
        _worker.Logs.OnMessage = message =>
        {
            if (message.Contains("SFT step 5/", StringComparison.Ordinal))
            {
                stop.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _worker.Queue.SubmitAsync(job, stop.Token));
        _worker.Logs.OnMessage = null;

        var partials = (await _worker.Checkpoints.ListVersionsAsync(WorkerFixture.Tenant, "support", CancellationToken.None)).Where(v => v.StartsWith("9-partial-", StringComparison.Ordinal)).ToList();
        var partial = Assert.Single(partials);
        var steps = int.Parse(partial["9-partial-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(steps, 5, 6);
        using (var saved = PolicyCheckpoint.Load(await _worker.DownloadAsync(new ModelReference("support", partial))))
        {
            Assert.False(saved.Metadata!.Complete);
            Assert.Equal(steps, saved.Metadata.Steps);
        }

        Assert.False(await _worker.Checkpoints.ExistsAsync(WorkerFixture.Tenant, output, CancellationToken.None));
        _worker.Logs.Clear();

        var result = await _worker.Queue.SubmitAsync(job, CancellationToken.None);

        Assert.False(result.AlreadyTrained);
        Assert.Contains(_worker.Logs.Messages, message => message.Contains($"resuming from support@{partial} after {steps} steps", StringComparison.Ordinal));
        var stepLogs = _worker.Logs.Messages.Where(message => message.Contains("SFT step ", StringComparison.Ordinal)).ToList();
        Assert.StartsWith($"Job sft-long: SFT step {steps + 1}/60", stepLogs[0], StringComparison.Ordinal);
        using var policy = PolicyCheckpoint.Load(await _worker.DownloadAsync(output));
        Assert.True(policy.Metadata!.Complete);
        Assert.Equal(60, policy.Metadata.Steps);
    }

    private static string MiniShop => Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop");

    private static ModelReference ShopSft => new("shop", "sft");

    // An RL job (kind ppo; the algorithm is a hyperparameter) on mini-shop from ShopSft, into shop@{id}.
    private static TrainingJob RlJob(string id, Dictionary<string, object> hyperparameters) => new()
    {
        JobId = id,
        Tenant = WorkerFixture.Tenant,
        Kind = TrainingKind.Ppo,
        Environment = new EnvironmentReference(MiniShop),
        BaseCheckpoint = ShopSft,
        Output = new ModelReference("shop", id),
        Hyperparameters = Hyperparameters(hyperparameters),
    };

    private static Dictionary<string, JsonElement> Hyperparameters(Dictionary<string, object> values) =>
        values.ToDictionary(pair => pair.Key, pair => JsonSerializer.SerializeToElement(pair.Value));
}
