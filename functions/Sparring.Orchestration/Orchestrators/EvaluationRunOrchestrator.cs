using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Engine.Runs;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Scheduling;

namespace Sparring.Orchestration.Orchestrators;

/// <summary>
/// An evaluation run: load the environment, plan the episodes deterministically, fan them out in EpisodeBatch
/// sub-orchestrations as <see cref="BatchSchedule"/> cuts and paces them, publish progress as custom status, then
/// aggregate the report and rejection-sample the dataset. Its history holds counts, never trajectories.
/// Before each batch it reads the tenant's monthly episode quota (an activity) and never schedules an episode past it:
/// when the quota runs out the run stops scheduling, reports what it did run, and ends as quota_exceeded.
/// </summary>
public sealed class EvaluationRunOrchestrator : TaskOrchestrator<EvaluationRunRequest, EvaluationRunResult>
{
    /// <inheritdoc />
    public override async Task<EvaluationRunResult> RunAsync(TaskOrchestrationContext context, EvaluationRunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Callback is not { } callback)
        {
            return await EvaluateAsync(context, input).ConfigureAwait(true);
        }

        EvaluationRunResult result;
        try
        {
            result = await EvaluateAsync(context, input).ConfigureAwait(true);
        }
        catch (Exception)
        {
            await NotifyAsync(context, input, callback, new RunOutcome("failed", null, 0, 0)).ConfigureAwait(true);
            throw;
        }

        await NotifyAsync(context, input, callback, new RunOutcome(result.Status, result.MeanReward, result.Episodes, result.Failed)).ConfigureAwait(true);
        return result;
    }

    /// <summary>
    /// The completion callback, retried with backoff; its failure is recorded by the notifier and logged here, and
    /// never fails the run.
    /// </summary>
    private static Task NotifyAsync(TaskOrchestrationContext context, EvaluationRunRequest input, CompletionCallback callback, RunOutcome outcome) =>
        CallbackRetry.NotifyAsync(
            context,
            new RunCompletionNotice(input.Tenant, input.RunId, outcome.Status, outcome.MeanReward, outcome.Episodes, outcome.Failed, CallbackRetry.CompletedAt(context), callback.RunUrl, CallbackRetry.MaxAttempts),
            context.CreateReplaySafeLogger<EvaluationRunOrchestrator>());

    private async Task<EvaluationRunResult> EvaluateAsync(TaskOrchestrationContext context, EvaluationRunRequest input)
    {
        var logger = context.CreateReplaySafeLogger<EvaluationRunOrchestrator>();
        context.SetCustomStatus(new RunProgressStatus("loading", 0, 0, 0, 0));
        var outline = await context.CallActivityAsync<EnvironmentOutline>(nameof(LoadEnvironmentActivity), new LoadEnvironmentRequest(input.Tenant, input.Environment), EpisodeRetry.Options).ConfigureAwait(true);

        var plan = EvaluationPlan.Create(outline.Identity.Name, [.. outline.Scenarios.Select(s => (s.Id, s.Split))], input.RunId, input.EpisodesPerScenario, input.Seed, input.Split, input.Scenarios);
        var schedule = BatchSchedule.Plan(plan.Count, input.Concurrency);
        var settings = new EpisodeRunSettings(new RunKey(input.Tenant, input.RunId), input.Environment, input.Models);
        logger.LogInformation("Run {RunId}: {Episodes} episodes in {Batches} batches, {Concurrency} at a time", input.RunId, plan.Count, schedule.Batches, schedule.Concurrency);

        var (done, failed, rewardTotal) = (0, 0, 0.0);
        var (scheduled, inFlight, scheduledBatches) = (0, 0, 0);
        EpisodesNotRun? notRun = null;
        context.SetCustomStatus(new RunProgressStatus("running", 0, 0, plan.Count, 0, schedule.Batches));
        var running = new List<Task<BatchOutcome>>();
        async Task TakeFirstAsync()
        {
            var finished = await Task.WhenAny(running).ConfigureAwait(true);
            running.Remove(finished);
            BatchOutcome outcome;
            try
            {
                outcome = await finished.ConfigureAwait(true);
            }
            catch (TaskFailedException ex)
            {
                // Episodes fail inside batches without failing them; a failed batch means its summaries could not be
                // stored, and the run cannot be reported. Say which batch and why, in the run's own failure.
                throw new InvalidOperationException($"Run {input.RunId}: a batch of episodes failed: {ex.FailureDetails.InnerFailure?.ErrorMessage ?? ex.FailureDetails.ErrorMessage}", ex);
            }

            (done, failed, rewardTotal) = (done + outcome.Episodes, failed + outcome.Failed, rewardTotal + outcome.RewardTotal);
            inFlight -= outcome.Episodes;
            context.SetCustomStatus(new RunProgressStatus("running", done, failed, plan.Count, Math.Round(rewardTotal / Math.Max(1, done), 6), schedule.Batches));
        }

        for (var index = 0; index < schedule.Batches; index++)
        {
            while (running.Count >= schedule.BatchesInFlight)
            {
                await TakeFirstAsync().ConfigureAwait(true);
            }

            var work = schedule.EpisodesOf(index).Select(i => plan[i]).Select(e => new EpisodeWorkItem(e.ScenarioId, e.Repetition, e.Seed)).ToList();

            // Episodes of batches still going may not be in the ledger yet, so they count as used; when that leaves too
            // few, those batches finish first and the quota is read again, exact, before the run gives up on any episode.
            var allowance = await AllowanceAsync(context, input.Tenant).ConfigureAwait(true);
            while (QuotaAdmission.IsShort(allowance, inFlight, work.Count) && running.Count > 0)
            {
                await TakeFirstAsync().ConfigureAwait(true);
                allowance = await AllowanceAsync(context, input.Tenant).ConfigureAwait(true);
            }

            if (QuotaAdmission.IsShort(allowance, inFlight, work.Count))
            {
                var allowed = QuotaAdmission.Admitted(allowance, work.Count);
                notRun = QuotaExceeded(context, input.Tenant, allowance, plan.Count, plan.Count - scheduled - allowed);
                logger.LogWarning("Run {RunId}: {Detail}", input.RunId, notRun.Detail);
                work = work[..allowed];
                if (work.Count == 0)
                {
                    break;
                }
            }

            (scheduled, inFlight, scheduledBatches) = (scheduled + work.Count, inFlight + work.Count, scheduledBatches + 1);
            running.Add(context.CallSubOrchestratorAsync<BatchOutcome>(
                nameof(EpisodeBatchOrchestrator),
                new EpisodeBatchRequest(settings, index, work, schedule.MaxInFlight(index, work.Count)),
                new SubOrchestrationOptions { InstanceId = BatchSchedule.InstanceId(context.InstanceId, index) }));
            if (notRun is not null)
            {
                break;
            }
        }

        while (running.Count > 0)
        {
            await TakeFirstAsync().ConfigureAwait(true);
        }

        context.SetCustomStatus(new RunProgressStatus("aggregating", done, failed, plan.Count, Math.Round(rewardTotal / Math.Max(1, done), 6)));
        var report = await context.CallActivityAsync<RunReport>(nameof(AggregateActivity), new AggregateRequest(settings.Run, scheduledBatches, outline.Identity, input.Models, input.Environment, notRun), EpisodeRetry.Options).ConfigureAwait(true);
        context.SetCustomStatus(new RunProgressStatus("sampling", done, failed, plan.Count, report.MeanReward));
        var dataset = await context.CallActivityAsync<DatasetManifest>(nameof(RejectionSampleActivity), new RejectionSampleRequest(settings.Run, scheduledBatches, input.Sampling), EpisodeRetry.Options).ConfigureAwait(true);
        var status = notRun?.Reason ?? RunStatuses.Completed;
        context.SetCustomStatus(new RunProgressStatus(status, done, failed, plan.Count, report.MeanReward));

        var parts = Enumerable.Range(0, Math.Max(1, (int)Math.Ceiling(scheduled / (double)AggregateActivity.EpisodesPerPart))).Select(RunFiles.TrajectoriesPart);
        return new EvaluationRunResult(input.RunId, scheduled, failed, report.MeanReward, report.PassHatK, report.ContainmentRate, dataset, [RunFiles.Report, RunFiles.Page, .. parts, RunFiles.Dataset, RunFiles.DatasetManifest], status, notRun?.Episodes ?? 0);
    }

    private sealed record RunOutcome(string Status, double? MeanReward, int Episodes, int Failed);

    private static Task<EpisodeAllowance> AllowanceAsync(TaskOrchestrationContext context, string tenant) =>
        context.CallActivityAsync<EpisodeAllowance>(nameof(EpisodeAllowanceActivity), new EpisodeAllowanceRequest(tenant, Now(context)), EpisodeRetry.Options);

    private static EpisodesNotRun QuotaExceeded(TaskOrchestrationContext context, string tenant, EpisodeAllowance allowance, int planned, int notRun) =>
        new(planned, notRun, RunStatuses.QuotaExceeded, string.Create(
            CultureInfo.InvariantCulture,
            $"tenant '{tenant}' has used its {allowance.Limit:N0} episodes for {Now(context):yyyy-MM}: {notRun:N0} of the run's {planned:N0} planned episodes were not run"));

    // The orchestration's clock replays the same; its month is the one the quota is counted in.
    private static DateTimeOffset Now(TaskOrchestrationContext context) => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
}
