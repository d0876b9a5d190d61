using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Engine.Runs;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Contracts;

namespace Sparring.Orchestration.Orchestrators;

/// <summary>
/// An evaluation run: load the environment, plan the episodes deterministically, fan them out in EpisodeBatch
/// sub-orchestrations of at most 100 with at most <c>Concurrency</c> episodes in flight, publish progress as custom
/// status, then aggregate the report and rejection-sample the dataset. Its history holds counts, never trajectories.
/// </summary>
public sealed class EvaluationRunOrchestrator : TaskOrchestrator<EvaluationRunRequest, EvaluationRunResult>
{
    /// <summary>Most episodes in one batch sub-orchestration, which keeps every history to a few hundred events.</summary>
    public const int BatchSize = 100;

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

        await NotifyAsync(context, input, callback, new RunOutcome("completed", result.MeanReward, result.Episodes, result.Failed)).ConfigureAwait(true);
        return result;
    }

    /// <summary>
    /// The completion callback, retried with backoff; its failure is recorded by the notifier and logged here, and
    /// never fails the run.
    /// </summary>
    private static async Task NotifyAsync(TaskOrchestrationContext context, EvaluationRunRequest input, CompletionCallback callback, RunOutcome outcome)
    {
        var completedAt = new DateTimeOffset(context.CurrentUtcDateTime.Ticks - (context.CurrentUtcDateTime.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var notice = new RunCompletionNotice(input.Tenant, input.RunId, outcome.Status, outcome.MeanReward, outcome.Episodes, outcome.Failed, completedAt, callback.RunUrl, CallbackRetry.MaxAttempts);
        try
        {
            await context.CallActivityAsync<string>(nameof(NotifyRunCompletedActivity), notice, CallbackRetry.Options).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            context.CreateReplaySafeLogger<EvaluationRunOrchestrator>().LogWarning(
                "Run {RunId}: the completion callback could not be delivered: {Error}", input.RunId, ex.FailureDetails.ErrorMessage);
        }
    }

    private async Task<EvaluationRunResult> EvaluateAsync(TaskOrchestrationContext context, EvaluationRunRequest input)
    {
        var logger = context.CreateReplaySafeLogger<EvaluationRunOrchestrator>();
        context.SetCustomStatus(new RunProgressStatus("loading", 0, 0, 0, 0));
        var outline = await context.CallActivityAsync<EnvironmentOutline>(nameof(LoadEnvironmentActivity), new LoadEnvironmentRequest(input.Tenant, input.Environment), EpisodeRetry.Options).ConfigureAwait(true);

        var plan = EvaluationPlan.Create(outline.Identity.Name, [.. outline.Scenarios.Select(s => (s.Id, s.Split))], input.RunId, input.EpisodesPerScenario, input.Seed, input.Split, input.Scenarios);
        // Batches take every n-th episode rather than runs of the plan: the plan lists a scenario's repetitions
        // together, and a batch of only long scenarios would hold its slots long after the others are done.
        var batchCount = (int)Math.Ceiling(plan.Count / (double)BatchSize);
        var batches = Enumerable.Range(0, batchCount).Select(b => plan.Where((_, i) => i % batchCount == b).ToList()).ToList();
        var concurrency = Math.Max(1, input.Concurrency);
        // Every batch holds a share of the run's slots and winds down before it completes; a batch waiting to start
        // cannot take over the slots of one winding down. So batches run in equal waves (no half-empty last wave),
        // each holding about a tenth of a batch in flight: the strided batches are alike and finish together, and
        // each one's tail idles few slots.
        var target = Math.Clamp((int)Math.Ceiling(concurrency * 10.0 / BatchSize), 1, concurrency);
        var waves = (int)Math.Ceiling(batches.Count / (double)target);
        var batchesInFlight = Math.Max(1, (int)Math.Ceiling(batches.Count / (double)Math.Max(1, waves)));
        var slots = Math.Max(1, concurrency / batchesInFlight);
        var extraSlots = Math.Max(0, concurrency - (slots * batchesInFlight));
        var settings = new EpisodeRunSettings(new RunKey(input.Tenant, input.RunId), input.Environment, input.Models);
        logger.LogInformation("Run {RunId}: {Episodes} episodes in {Batches} batches, {Concurrency} at a time", input.RunId, plan.Count, batches.Count, concurrency);

        var (done, failed, rewardTotal) = (0, 0, 0.0);
        context.SetCustomStatus(new RunProgressStatus("running", 0, 0, plan.Count, 0, batches.Count));
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
            context.SetCustomStatus(new RunProgressStatus("running", done, failed, plan.Count, Math.Round(rewardTotal / Math.Max(1, done), 6), batches.Count));
        }

        for (var index = 0; index < batches.Count; index++)
        {
            while (running.Count >= batchesInFlight)
            {
                await TakeFirstAsync().ConfigureAwait(true);
            }

            var work = batches[index].Select(e => new EpisodeWorkItem(e.ScenarioId, e.Repetition, e.Seed)).ToList();
            running.Add(context.CallSubOrchestratorAsync<BatchOutcome>(
                nameof(EpisodeBatchOrchestrator),
                new EpisodeBatchRequest(settings, index, work, Math.Min(slots + (index % batchesInFlight < extraSlots ? 1 : 0), work.Count)),
                new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:batch:{index}" }));
        }

        while (running.Count > 0)
        {
            await TakeFirstAsync().ConfigureAwait(true);
        }

        context.SetCustomStatus(new RunProgressStatus("aggregating", done, failed, plan.Count, Math.Round(rewardTotal / Math.Max(1, done), 6)));
        var report = await context.CallActivityAsync<RunReport>(nameof(AggregateActivity), new AggregateRequest(settings.Run, batches.Count, outline.Identity, input.Models, input.Environment), EpisodeRetry.Options).ConfigureAwait(true);
        context.SetCustomStatus(new RunProgressStatus("sampling", done, failed, plan.Count, report.MeanReward));
        var dataset = await context.CallActivityAsync<DatasetManifest>(nameof(RejectionSampleActivity), new RejectionSampleRequest(settings.Run, batches.Count, input.Sampling), EpisodeRetry.Options).ConfigureAwait(true);
        context.SetCustomStatus(new RunProgressStatus("completed", done, failed, plan.Count, report.MeanReward));

        var parts = Enumerable.Range(0, Math.Max(1, (int)Math.Ceiling(plan.Count / (double)AggregateActivity.EpisodesPerPart))).Select(Services.RunFiles.TrajectoriesPart);
        return new EvaluationRunResult(input.RunId, plan.Count, failed, report.MeanReward, report.PassHatK, report.ContainmentRate, dataset, ["report.json", .. parts, Services.RunFiles.Dataset, Services.RunFiles.DatasetManifest]);
    }

    private sealed record RunOutcome(string Status, double? MeanReward, int Episodes, int Failed);
}
