using Microsoft.DurableTask.Client;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;

namespace Sparring.Functions.Access;

/// <summary>
/// Counts a tenant's runs that have not ended, for the concurrent-runs quota. It queries the task hub's active
/// instances, so its cost grows with the active runs of all tenants; two starts at the same instant can both pass.
/// </summary>
internal static class ActiveRuns
{
    private static readonly OrchestrationRuntimeStatus[] Active =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    public static async Task<int> CountAsync(DurableTaskClient client, string tenant, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { Statuses = Active, FetchInputsAndOutputs = true, PageSize = 500 };
        var count = 0;
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (instance.Name == nameof(EvaluationRunOrchestrator) && instance.SerializedInput is not null && instance.ReadInputAs<EvaluationRunRequest>()?.Tenant == tenant)
            {
                count++;
            }
        }

        return count;
    }
}
