using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Episodes;
using Sparring.Engine.Reports;

namespace Sparring.Engine.Runs;

/// <summary>Runs a plan's episodes in this process, n at a time, reporting progress, and builds the run report.</summary>
public sealed class EvaluationRunner(EpisodeRunner episodes, ILogger<EvaluationRunner>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<EvaluationRunner>.Instance;

    /// <summary>Runs every episode, hands each trajectory to <paramref name="sink"/>, and returns the report.</summary>
    public async Task<RunReport> RunAsync(
        string runId,
        Environments.LoadedEnvironment environment,
        IReadOnlyList<EpisodeRequest> plan,
        int concurrency,
        ITrajectorySink sink,
        IProgress<RunProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        var summaries = new EpisodeSummary[plan.Count];
        var done = 0;
        var failed = 0;
        var rewardTotal = 0.0;
        var gate = new object();
        _logger.LogInformation("Run {RunId}: {Episodes} episodes of {Environment}, {Concurrency} at a time", runId, plan.Count, environment.Spec.Name, concurrency);

        await Parallel.ForEachAsync(
            Enumerable.Range(0, plan.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var trajectory = await episodes.RunAsync(plan[index], token).ConfigureAwait(false);
                await sink.WriteAsync(trajectory, token).ConfigureAwait(false);
                summaries[index] = EpisodeSummary.From(trajectory);
                RunProgress snapshot;
                lock (gate)
                {
                    done++;
                    failed += trajectory.Termination.Reason == TerminationReason.Error ? 1 : 0;
                    rewardTotal += trajectory.Reward;
                    snapshot = new RunProgress(done, failed, plan.Count, rewardTotal / done);
                }

                progress?.Report(snapshot);
            }).ConfigureAwait(false);

        var report = RunReportBuilder.Build(new RunReportBuilder.RunIdentity(runId, environment.Identity, episodes.Policy, episodes.User, episodes.Judge), summaries);
        _logger.LogInformation("Run {RunId} finished: mean reward {MeanReward:0.000}, {Failed} failed", runId, report.MeanReward, failed);
        return report;
    }
}
