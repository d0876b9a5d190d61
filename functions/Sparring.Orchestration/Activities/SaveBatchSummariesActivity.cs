using System.Text.Json;
using Microsoft.DurableTask;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Telemetry;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Telemetry;

namespace Sparring.Orchestration.Activities;

/// <summary>Stores a batch's episode summaries, so the run's history carries counts, not thousands of summaries.</summary>
public sealed class SaveBatchSummariesActivity(ITrajectoryStore store) : TaskActivity<SaveBatchSummariesRequest, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, SaveBatchSummariesRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // Tells the batch's story: a sub-orchestration replays and cannot hold a span, and this activity ends every batch.
        using var activity = OrchestrationTelemetry.StartActivity(nameof(SaveBatchSummariesActivity), input.Run);
        if (activity is not null)
        {
            activity.DisplayName = $"{nameof(SaveBatchSummariesActivity)} {input.Index}";
            activity.SetTag(TelemetryTags.BatchIndex, input.Index);
            activity.SetTag(TelemetryTags.Episodes, input.Summaries.Count);
            activity.SetTag("sparring.episodes.failed", input.Summaries.Count(s => s.Termination == TerminationReason.Error));
        }

        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(input.Summaries, OrchestrationJsonContext.Default.IReadOnlyListEpisodeSummary));
        await store.WriteFileAsync(input.Run, RunFiles.Summaries(input.Index), content, CancellationToken.None).ConfigureAwait(false);
        return input.Summaries.Count;
    }
}
