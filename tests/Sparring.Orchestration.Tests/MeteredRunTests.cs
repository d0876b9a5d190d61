using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Tenants;
using Sparring.EmbeddedHost;
using Sparring.Engine.Environments;
using Sparring.Metering;
using Sparring.Metering.Ledger;
using Sparring.Metering.Pricing;
using Sparring.Metering.Quotas;
using Sparring.Metering.Usage;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Storage;

namespace Sparring.Orchestration.Tests;

/// <summary>Runs metered into a real Table ledger on Azurite: usage exactly once under retries, and the quota as a run goes.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MeteredRunTests(AzuriteFixture azurite)
{
    private const string Tenant = "acme";
    private static readonly EnvironmentReference Medical = new(RepositoryPaths.Environment("medical-supply-support"));
    private static readonly DateTimeOffset AnyTimeThisMonth = DateTimeOffset.UtcNow;

    private sealed class PathSource : IEnvironmentSource
    {
        public Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken) => Task.FromResult(reference.Path!);
    }

    private sealed class FixedQuotas(long? episodesPerMonth) : ITenantQuotas
    {
        public Task<TenantQuota> GetQuotaAsync(string tenant, CancellationToken cancellationToken) => Task.FromResult(new TenantQuota(episodesPerMonth));
    }

    /// <summary>A ledger whose first attempt for each episode fails with a transient fault, before or after the row is written, and so does its first count.</summary>
    private sealed class FlakyLedger(IUsageLedger inner) : IUsageLedger
    {
        private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
        private int _counts;

        public int Faults => _attempts.Count;

        public async Task<bool> RecordAsync(UsageRecord record, CancellationToken cancellationToken)
        {
            var first = _attempts.AddOrUpdate(record.EpisodeId, 1, (_, n) => n + 1) == 1;
            var afterWriting = record.EpisodeId.EndsWith(".0", StringComparison.Ordinal);
            if (first && !afterWriting)
            {
                throw new IOException("table timed out before the row was written");
            }

            var written = await inner.RecordAsync(record, cancellationToken);
            return first ? throw new IOException("table timed out after the row was written") : written;
        }

        public Task<IReadOnlyList<UsageRecord>> ListAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => inner.ListAsync(tenant, from, to, cancellationToken);

        public Task<long> CountEpisodesInMonthAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _counts) == 1 ? throw new IOException("table timed out counting") : inner.CountEpisodesInMonthAsync(tenant, at, cancellationToken);
    }

    private sealed class Fixture
    {
        public Fixture(AzuriteFixture azurite, long? quota, Func<IUsageLedger, IUsageLedger>? wrap = null)
        {
            Store = new RecordingTrajectoryStore(new BlobTrajectoryStore(new BlobContainerClient(azurite.ConnectionString, $"runs-{Guid.NewGuid():N}")));
            Ledger = TableUsageLedger.Create(azurite.ConnectionString, $"usage{Guid.NewGuid():N}");
            var ledger = wrap?.Invoke(Ledger) ?? Ledger;
            Meter = new UsageMeter(ledger, new PriceTable(new Dictionary<string, ModelPrice>(), platformFeePerEpisode: 0.01m), new EpisodeQuota(new FixedQuotas(quota), ledger), NullLogger<UsageMeter>.Instance);
            Services = new ActivityServices(new EnvironmentCatalog(new PathSource(), new EnvironmentLoader()), new EpisodeRunners(new CountingModelCatalog(), TimeProvider.System, NullLoggerFactory.Instance), Store, Meter);
        }

        public RecordingTrajectoryStore Store { get; }

        public TableUsageLedger Ledger { get; }

        public UsageMeter Meter { get; }

        public ActivityServices Services { get; }

        public Task<EmbeddedDurableHost> StartAsync() =>
            EmbeddedDurableHost.StartInMemoryAsync(Services, new EmbeddedHostOptions { PollInterval = TimeSpan.FromMilliseconds(50) }, NullLoggerFactory.Instance);

        public async Task<IReadOnlyList<UsageRecord>> RecordsAsync() =>
            await Ledger.ListAsync(Tenant, AnyTimeThisMonth.AddDays(-40), AnyTimeThisMonth.AddDays(1), default);
    }

    private static EvaluationRunRequest Request(string runId, int k) => new()
    {
        RunId = runId,
        Tenant = Tenant,
        Environment = Medical,
        Models = new ModelSelection("reference"),
        EpisodesPerScenario = k,
        Concurrency = 64,
    };

    private static async Task<int> CountAsync(ITrajectoryStore store, RunKey run)
    {
        var count = 0;
        await foreach (var _ in store.ReadAllAsync(run, default))
        {
            count++;
        }

        return count;
    }

    private sealed class ActivityContext : TaskActivityContext
    {
        public override TaskName Name => nameof(RunEpisodeActivity);

        public override string InstanceId => "test";
    }

    [Fact]
    public async Task An_episode_activity_run_twice_records_its_usage_once_and_a_stored_episode_is_still_recorded()
    {
        var fixture = new Fixture(azurite, quota: null);
        var activity = (RunEpisodeActivity)OrchestrationTasks.Activities(fixture.Services)[nameof(RunEpisodeActivity)]();
        var settings = new EpisodeRunSettings(new RunKey(Tenant, "twice"), Medical, new ModelSelection("reference"));
        var episode = new EpisodeWorkItem("emergency-cpap-user-unresponsive", 0, 42);

        await activity.RunAsync(new ActivityContext(), new RunEpisodeRequest(settings, episode));
        await activity.RunAsync(new ActivityContext(), new RunEpisodeRequest(settings, episode));

        var record = Assert.Single(await fixture.RecordsAsync());
        Assert.Equal(("twice", episode.EpisodeId, 0.01m), (record.RunId, record.EpisodeId, record.PlatformFeeUsd));
        Assert.Equal(1, fixture.Store.EpisodeWrites);
        var trajectory = (await fixture.Store.ReadAsync(settings.Run, episode.EpisodeId, default))!;
        Assert.Equal(trajectory.StartedAt + TimeSpan.FromMilliseconds(trajectory.DurationMs), record.FinishedAt);
        Assert.Equal((trajectory.ToolCalls.Count, trajectory.DurationMs, trajectory.Scenario.Id), (record.ToolCalls, record.DurationMs, record.ScenarioId));
        Assert.Equal((trajectory.Policy.Name, trajectory.Usage.Policy.Input, trajectory.Usage.Policy.Output), (record.Policy.Model, record.Policy.InputTokens, record.Policy.OutputTokens));

        // A trajectory stored by an attempt that died before metering it is recorded by the next attempt.
        var stored = await fixture.Store.ReadAsync(settings.Run, episode.EpisodeId, default);
        await fixture.Store.WriteAsync(settings.Run with { RunId = "crashed" }, stored! with { RunId = "crashed" }, default);
        await activity.RunAsync(new ActivityContext(), new RunEpisodeRequest(settings with { Run = settings.Run with { RunId = "crashed" } }, episode));
        Assert.Equal(["crashed", "twice"], (await fixture.RecordsAsync()).Select(r => r.RunId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Episodes_whose_metering_fails_transiently_before_or_after_the_row_is_written_are_recorded_exactly_once()
    {
        FlakyLedger? flaky = null;
        var fixture = new Fixture(azurite, quota: 1_000, inner => flaky = new FlakyLedger(inner));
        await using var host = await fixture.StartAsync();

        await host.StartRunAsync(Request("flaky-meter", 2), default);
        var result = await host.WaitAsync("flaky-meter", null, default);

        var records = await fixture.RecordsAsync();
        Assert.Equal((100, 0), (result.Episodes, result.Failed));
        Assert.Equal(100, flaky!.Faults);
        Assert.Equal(100, records.Count);
        Assert.Equal(100, records.Select(r => r.EpisodeId).Distinct().Count());
        Assert.Equal(100, await fixture.Ledger.CountEpisodesInMonthAsync(Tenant, records[0].FinishedAt, default));
    }

    [Fact]
    public async Task A_run_of_three_batches_with_quota_for_one_and_a_half_runs_exactly_the_allowed_episodes_and_ends_quota_exceeded()
    {
        var fixture = new Fixture(azurite, quota: 150);
        await using var host = await fixture.StartAsync();
        var statuses = new List<RunProgressStatus>();

        await host.StartRunAsync(Request("over-quota", 6), default);
        var result = await host.WaitAsync("over-quota", new SynchronousProgress(statuses.Add), default);

        var run = new RunKey(Tenant, "over-quota");
        Assert.Equal((RunStatuses.QuotaExceeded, 150, 150), (result.Status, result.Episodes, result.NotRun));
        Assert.Equal(150, await CountAsync(fixture.Store, run));
        Assert.Equal(150, (await fixture.RecordsAsync()).Count);
        Assert.Equal(RunStatuses.QuotaExceeded, statuses[^1].Phase);
        Assert.Equal(150, statuses[^1].Done);

        var report = (await fixture.Store.ReadReportAsync(run, default))!;
        Assert.Equal(150, report.Episodes);
        Assert.Equal(RunStatuses.QuotaExceeded, report.Status);
        Assert.Equal(300, report.NotRun!.Planned);
        Assert.Equal(150, report.NotRun.Episodes);
        Assert.Equal($"tenant 'acme' has used its 150 episodes for {DateTimeOffset.UtcNow:yyyy-MM}: 150 of the run's 300 planned episodes were not run", report.NotRun.Detail);
        Assert.Equal(150, result.Dataset.Candidates);
    }

    [Fact]
    public async Task A_run_whose_tenant_has_no_episodes_left_runs_none_and_still_reports()
    {
        var fixture = new Fixture(azurite, quota: 0);
        await using var host = await fixture.StartAsync();

        await host.StartRunAsync(Request("no-quota", 1), default);
        var result = await host.WaitAsync("no-quota", null, default);

        Assert.Equal((RunStatuses.QuotaExceeded, 0, 50), (result.Status, result.Episodes, result.NotRun));
        Assert.Empty(await fixture.RecordsAsync());
        var report = (await fixture.Store.ReadReportAsync(new RunKey(Tenant, "no-quota"), default))!;
        Assert.Equal((0, 50), (report.Episodes, report.NotRun!.Episodes));
    }

    [Fact]
    public async Task A_run_within_its_quota_completes_as_before_with_every_episode_recorded()
    {
        var fixture = new Fixture(azurite, quota: 1_000);
        await using var host = await fixture.StartAsync();

        await host.StartRunAsync(Request("within-quota", 2), default);
        var result = await host.WaitAsync("within-quota", null, default);

        Assert.Equal((RunStatuses.Completed, 100, 0), (result.Status, result.Episodes, result.NotRun));
        Assert.Equal(100, (await fixture.RecordsAsync()).Count);
        var report = (await fixture.Store.ReadReportAsync(new RunKey(Tenant, "within-quota"), default))!;
        Assert.Equal(RunStatuses.Completed, report.Status);
        Assert.Null(report.NotRun);
    }

    private sealed class SynchronousProgress(Action<RunProgressStatus> report) : IProgress<RunProgressStatus>
    {
        public void Report(RunProgressStatus value) => report(value);
    }
}
