using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Sparring.Abstractions.Storage;
using Sparring.Functions.Access;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;

namespace Sparring.Functions.Http;

/// <summary>Finds a tenant's run by id among the task hub's orchestrations; the shared start of every <c>/api/runs/{id}</c> function.</summary>
internal static class RunLookup
{
    /// <summary>
    /// Authenticates the caller (its rejection when refused), finds the run <paramref name="id"/> of the caller's tenant
    /// (404 when there is none, see <see cref="FindAsync"/>) and answers with what <paramref name="respond"/> makes of it.
    /// </summary>
    public static async Task<IActionResult> RespondAsync(
        ApiAccess access,
        HttpRequest request,
        DurableTaskClient client,
        string id,
        Func<FoundRun, Task<IActionResult>> respond,
        CancellationToken cancellationToken)
    {
        var caller = await access.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        if (!caller.IsAdmitted)
        {
            return caller.Rejection;
        }

        return await FindAsync(client, id, caller.Tenant.Id, cancellationToken).ConfigureAwait(false) is { } run
            ? await respond(run).ConfigureAwait(false)
            : RunProblems.NotFound(id);
    }

    /// <summary>
    /// The run's orchestration with its input and output, or null when the id names no run of <paramref name="tenant"/>:
    /// an id that breaks the naming rules, one of a batch sub-orchestration (<c>{runId}:batch:{n}</c>), or another
    /// tenant's run, which answers exactly as a run that does not exist (404), so ids of others cannot be probed.
    /// </summary>
    public static async Task<FoundRun?> FindAsync(DurableTaskClient client, string id, string tenant, CancellationToken cancellationToken)
    {
        if (!StorageSegment.IsValid(id))
        {
            return null;
        }

        var run = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return run is not null && run.Name == nameof(EvaluationRunOrchestrator) && InputOf(run) is { } input && input.Tenant == tenant
            ? new FoundRun(run, input)
            : null;
    }

    /// <summary>The tenant in a run's input; null when it has none.</summary>
    public static string? TenantOf(OrchestrationMetadata run) => InputOf(run)?.Tenant;

    private static EvaluationRunRequest? InputOf(OrchestrationMetadata run) =>
        run.SerializedInput is null ? null : run.ReadInputAs<EvaluationRunRequest>();
}
