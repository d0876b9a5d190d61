using Microsoft.DurableTask;
using Sparring.Abstractions.Trajectories;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Scheduling;

namespace Sparring.Orchestration.Orchestrators;

/// <summary>
/// Runs up to <see cref="BatchSchedule.BatchSize"/> episodes, at most its share of the run's concurrency at a time
/// (<see cref="BatchSchedule.MaxInFlight"/>), stores their summaries, and reports counts to the run.
/// An episode whose activity fails for good becomes a failed summary with its reason; the batch goes on.
/// </summary>
public sealed class EpisodeBatchOrchestrator : TaskOrchestrator<EpisodeBatchRequest, BatchOutcome>
{
    /// <inheritdoc />
    public override async Task<BatchOutcome> RunAsync(TaskOrchestrationContext context, EpisodeBatchRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var summaries = new List<EpisodeSummary>(input.Episodes.Count);
        var running = new List<Task<EpisodeSummary>>();
        async Task CollectFirstAsync()
        {
            summaries.Add(await TakeFirstAsync(running).ConfigureAwait(true));

            // The run's own status moves only when whole batches finish; this lets a reader see episodes as they end.
            context.SetCustomStatus(Outcome(input.Index, summaries));
        }

        foreach (var episode in input.Episodes)
        {
            if (running.Count >= input.MaxInFlight)
            {
                await CollectFirstAsync().ConfigureAwait(true);
            }

            running.Add(RunAsync(context, input.Run, episode));
        }

        while (running.Count > 0)
        {
            await CollectFirstAsync().ConfigureAwait(true);
        }

        await context.CallActivityAsync<int>(nameof(SaveBatchSummariesActivity), new SaveBatchSummariesRequest(input.Run.Run, input.Index, summaries), EpisodeRetry.Options).ConfigureAwait(true);
        return Outcome(input.Index, summaries);
    }

    private static BatchOutcome Outcome(int index, List<EpisodeSummary> summaries) =>
        new(index, summaries.Count, summaries.Count(s => s.Termination == TerminationReason.Error), summaries.Sum(s => s.Reward));

    private static async Task<EpisodeSummary> RunAsync(TaskOrchestrationContext context, EpisodeRunSettings run, EpisodeWorkItem episode)
    {
        try
        {
            return await context.CallActivityAsync<EpisodeSummary>(nameof(RunEpisodeActivity), new RunEpisodeRequest(run, episode), EpisodeRetry.Options).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            return EpisodeSummary.Failed(episode.EpisodeId, episode.ScenarioId, ex.FailureDetails.ErrorMessage);
        }
    }

    private static async Task<EpisodeSummary> TakeFirstAsync(List<Task<EpisodeSummary>> running)
    {
        var finished = await Task.WhenAny(running).ConfigureAwait(true);
        running.Remove(finished);
        return await finished.ConfigureAwait(true);
    }
}
