using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Orchestration.Contracts;

namespace Sparring.Orchestration.Activities;

/// <summary>
/// Keeps the episodes worth training on — reward at least the threshold, the best k per scenario, never a failed
/// one — and writes them as dataset.jsonl in the OpenAI chat fine-tuning format, with a manifest of what was kept.
/// </summary>
public sealed class RejectionSampleActivity(ITrajectoryStore store) : TaskActivity<RejectionSampleRequest, DatasetManifest>
{
    /// <inheritdoc />
    public override async Task<DatasetManifest> RunAsync(TaskActivityContext context, RejectionSampleRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var options = input.Options;
        var summaries = await BatchSummaries.ReadAsync(store, input.Run, input.Batches, cancellationToken).ConfigureAwait(false);
        var candidates = summaries.Where(s => s.Termination != TerminationReason.Error && s.Reward >= options.MinReward - 1e-9).ToList();
        var chosen = candidates
            .GroupBy(s => s.ScenarioId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(s => s.Reward).ThenBy(s => s.EpisodeId, StringComparer.Ordinal).Take(options.TopKPerScenario ?? int.MaxValue))
            .ToList();

        var lines = new StringBuilder();
        foreach (var summary in chosen)
        {
            var trajectory = await store.ReadAsync(input.Run, summary.EpisodeId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run {input.Run}: episode {summary.EpisodeId} has a summary but no trajectory.");
            lines.AppendLine(JsonSerializer.Serialize(new DatasetLine(trajectory.Messages), OrchestrationJsonContext.Default.DatasetLine));
        }

        using (var dataset = new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString())))
        {
            await store.WriteFileAsync(input.Run, RunFiles.Dataset, dataset, cancellationToken).ConfigureAwait(false);
        }

        var manifest = new DatasetManifest(RunFiles.Dataset, chosen.Count, candidates.Count, chosen.Select(c => c.ScenarioId).Distinct(StringComparer.Ordinal).Count(), options.MinReward, options.TopKPerScenario);
        using var manifestContent = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, OrchestrationJsonContext.Default.DatasetManifest));
        await store.WriteFileAsync(input.Run, RunFiles.DatasetManifest, manifestContent, cancellationToken).ConfigureAwait(false);
        return manifest;
    }
}
