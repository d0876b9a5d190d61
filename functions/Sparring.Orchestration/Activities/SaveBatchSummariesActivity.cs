using System.Text.Json;
using Microsoft.DurableTask;
using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>Stores a batch's episode summaries, so the run's history carries counts, not thousands of summaries.</summary>
public sealed class SaveBatchSummariesActivity(ITrajectoryStore store) : TaskActivity<SaveBatchSummariesRequest, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, SaveBatchSummariesRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var content = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(input.Summaries, OrchestrationJsonContext.Default.IReadOnlyListEpisodeSummary));
        await store.WriteFileAsync(input.Run, RunFiles.Summaries(input.Index), content, CancellationToken.None).ConfigureAwait(false);
        return input.Summaries.Count;
    }
}
