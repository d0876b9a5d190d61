using System.Text.Json;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Orchestration.Contracts;

namespace Sparring.Orchestration.Activities;

/// <summary>Reads back every batch's stored summaries, in batch order.</summary>
internal static class BatchSummaries
{
    public static async Task<IReadOnlyList<EpisodeSummary>> ReadAsync(ITrajectoryStore store, RunKey run, int batches, CancellationToken cancellationToken)
    {
        var all = new List<EpisodeSummary>();
        for (var index = 0; index < batches; index++)
        {
            await using var stream = await store.OpenFileAsync(run, RunFiles.Summaries(index), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run {run}: the summaries of batch {index} are missing ({RunFiles.Summaries(index)}).");
            all.AddRange(await JsonSerializer.DeserializeAsync(stream, OrchestrationJsonContext.Default.IReadOnlyListEpisodeSummary, cancellationToken).ConfigureAwait(false) ?? []);
        }

        return all;
    }
}
