using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Azure.Storage.Blobs;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.EmbeddedHost;
using Sparring.Engine.Environments;
using Sparring.Engine.Reports;
using Sparring.Engine.Tools;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Storage;

namespace Sparring.Orchestration.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class EvaluationRunTests(AzuriteFixture azurite)
{
    private static readonly EnvironmentReference Medical = new(RepositoryPaths.Environment("medical-supply-support"));

    private sealed class PathSource : IEnvironmentSource
    {
        public Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken) => Task.FromResult(reference.Path!);
    }

    /// <summary>A Blob store on the test's Azurite, in a container of its own.</summary>
    private RecordingTrajectoryStore NewStore() =>
        new(new BlobTrajectoryStore(new BlobContainerClient(azurite.ConnectionString, $"runs-{Guid.NewGuid():N}")));

    private static async Task<int> CountAsync(ITrajectoryStore store, RunKey run)
    {
        var count = 0;
        await foreach (var _ in store.ReadAllAsync(run, default))
        {
            count++;
        }

        return count;
    }

    private static Task<EmbeddedDurableHost> StartAsync(ITrajectoryStore store, CountingModelCatalog models) =>
        EmbeddedDurableHost.StartInMemoryAsync(
            new ActivityServices(new EnvironmentCatalog(new PathSource(), new EnvironmentLoader()), new EpisodeRunners(models, TimeProvider.System, NullLoggerFactory.Instance), store, NoUsageMeter.Instance),
            new EmbeddedHostOptions { PollInterval = TimeSpan.FromMilliseconds(50) },
            NullLoggerFactory.Instance);

    private static EvaluationRunRequest Request(string runId, int k) => new()
    {
        RunId = runId,
        Tenant = "contoso",
        Environment = Medical,
        Models = new ModelSelection("reference"),
        EpisodesPerScenario = k,
        Concurrency = 64,
    };

    private static async Task<List<Trajectory>> ReadAllAsync(ITrajectoryStore store, RunKey run)
    {
        var trajectories = new List<Trajectory>();
        await foreach (var t in store.ReadAllAsync(run, default))
        {
            trajectories.Add(t);
        }

        return trajectories;
    }

    [Fact]
    public async Task A_500_episode_run_stores_every_trajectory_once_and_its_report_matches_the_blobs()
    {
        var store = NewStore();
        await using var host = await StartAsync(store, new CountingModelCatalog());
        var statuses = new List<RunProgressStatus>();

        await host.StartRunAsync(Request("run-500", 10), default);
        var result = await host.WaitAsync("run-500", new SynchronousProgress(statuses.Add), default);

        var run = new RunKey("contoso", "run-500");
        Assert.Equal(500, result.Episodes);
        Assert.Equal(0, result.Failed);
        Assert.Equal(500, await CountAsync(store, run));
        Assert.Equal(500, store.EpisodeWrites);
        Assert.Equal(1.0, result.MeanReward, 9);
        var trajectories = await ReadAllAsync(store, run);
        var recomputed = RunReportBuilder.Build(new RunReportBuilder.RunIdentity("run-500", trajectories[0].Environment, trajectories[0].Policy, trajectories[0].User, null), [.. trajectories.Select(EpisodeSummary.From)]);
        Assert.Equal(JsonSerializer.Serialize(recomputed, SparringJsonContext.Default.RunReport), JsonSerializer.Serialize((await store.ReadReportAsync(run, default))!, SparringJsonContext.Default.RunReport));
        Assert.Equal(500, result.Dataset.Examples);
        Assert.Contains(statuses, s => s.Phase == "running" && s.Done > 0 && s.Done < 500);
        Assert.Equal(new RunProgressStatus("completed", 500, 0, 500, 1.0), statuses[^1]);
    }

    [Fact]
    public async Task Transient_faults_are_retried_and_a_permanent_failure_is_reported_while_the_run_completes()
    {
        var store = NewStore();
        var random = new DeterministicRandom(7);
        var gate = new Lock();
        var transientFaults = 0;
        store.BeforeWrite = id =>
        {
            if (id == "emergency-cpap-user-unresponsive.0")
            {
                throw new InvalidOperationException("this episode can never be stored");
            }

            lock (gate)
            {
                if (random.NextDouble() < 0.2)
                {
                    transientFaults++;
                    throw new IOException("storage timed out");
                }
            }
        };
        await using var host = await StartAsync(store, new CountingModelCatalog());

        await host.StartRunAsync(Request("flaky", 2), default);
        var result = await host.WaitAsync("flaky", null, default);

        var run = new RunKey("contoso", "flaky");
        Assert.True(transientFaults > 5, $"only {transientFaults} transient faults were injected");
        Assert.Equal(100, result.Episodes);
        Assert.Equal(1, result.Failed);
        Assert.Equal(99, await CountAsync(store, run));
        Assert.Equal(99, (await ReadAllAsync(store, run)).Select(t => t.EpisodeId).Distinct().Count());
        Assert.Equal(1, (await store.ReadReportAsync(run, default))!.Terminations["error"]);
        Assert.Equal(99, result.Dataset.Examples);
    }

    [Fact]
    public async Task A_run_stopped_halfway_resumes_without_running_finished_episodes_again()
    {
        var store = NewStore();
        var models = new CountingModelCatalog();
        IReadOnlyDictionary<string, int> before;
        await using (var first = await StartAsync(store, models))
        {
            await first.StartRunAsync(Request("resumed", 8), default);
            while (store.EpisodeWrites < 60)
            {
                await Task.Delay(10);
            }

            before = store.WritesById;
        }

        var callsBefore = models.PolicyCalls;
        await using var second = await StartAsync(store, models);
        await second.StartRunAsync(Request("resumed", 8), default);
        var result = await second.WaitAsync("resumed", null, default);

        Assert.Equal(400, result.Episodes);
        Assert.Equal(400, await CountAsync(store, new RunKey("contoso", "resumed")));
        Assert.InRange(before.Count, 60, 399);
        Assert.All(before.Keys, id => Assert.Equal(1, store.WritesById[id]));

        // Episodes in flight when the host stopped may run again; the ones already stored must not.
        var callsPerEpisode = callsBefore / (double)before.Count;
        Assert.True(models.PolicyCalls - callsBefore < callsPerEpisode * (400 - before.Count + 64), "the resumed run called the policy for episodes already stored");
    }

    private sealed class SynchronousProgress(Action<RunProgressStatus> report) : IProgress<RunProgressStatus>
    {
        public void Report(RunProgressStatus value) => report(value);
    }
}
