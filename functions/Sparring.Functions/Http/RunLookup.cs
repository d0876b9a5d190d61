using Microsoft.DurableTask.Client;
using Sparring.Orchestration.Orchestrators;

namespace Sparring.Functions.Http;

/// <summary>Finds a run by id among the task hub's orchestrations.</summary>
internal static class RunLookup
{
    /// <summary>
    /// The run's orchestration with its input and output, or null when the id names no run: an id that breaks the
    /// naming rules, or one of a batch sub-orchestration (<c>{runId}:batch:{n}</c>), is no run either.
    /// </summary>
    public static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        if (!RunNames.IsSegment(id))
        {
            return null;
        }

        var run = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return run is not null && run.Name == nameof(EvaluationRunOrchestrator) ? run : null;
    }
}
