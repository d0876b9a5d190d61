using Microsoft.DurableTask.Client;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;

namespace Sparring.Functions.Http;

/// <summary>Finds a tenant's run by id among the task hub's orchestrations.</summary>
internal static class RunLookup
{
    /// <summary>
    /// The run's orchestration with its input and output, or null when the id names no run of <paramref name="tenant"/>:
    /// an id that breaks the naming rules, one of a batch sub-orchestration (<c>{runId}:batch:{n}</c>), or another
    /// tenant's run, which answers exactly as a run that does not exist (404), so ids of others cannot be probed.
    /// </summary>
    public static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient client, string id, string tenant, CancellationToken cancellationToken)
    {
        if (!RunNames.IsSegment(id))
        {
            return null;
        }

        var run = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return run is not null && run.Name == nameof(EvaluationRunOrchestrator) && TenantOf(run) == tenant ? run : null;
    }

    /// <summary>The tenant in a run's input; null when it has none.</summary>
    public static string? TenantOf(OrchestrationMetadata run) =>
        run.SerializedInput is null ? null : run.ReadInputAs<EvaluationRunRequest>()?.Tenant;
}
