using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Sparring.Functions.Access;

namespace Sparring.Functions.Http;

/// <summary>
/// <c>POST /api/runs/{id}/cancel</c>: terminates a run and its batches. Stored episodes stay, so starting the same run
/// id again resumes it.
/// </summary>
public sealed class CancelRunFunction(ApiAccess access, TimeProvider timeProvider, ILogger<CancelRunFunction> logger)
{
    /// <summary>202 while the termination takes effect; 401 without a valid key; 404 when the caller's tenant has no such run; 409 when it has already ended.</summary>
    [Function("CancelRun")]
    public async Task<IActionResult> CancelRunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "runs/{id}/cancel")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        return await RunLookup.RespondAsync(access, request, client, id, async run =>
        {
            var links = RunLinks.For(request, id);
            var status = RunStates.Name(run.Orchestration.RuntimeStatus);
            if (!RunStates.IsActive(run.Orchestration.RuntimeStatus))
            {
                return RunProblems.Conflict("The run has already ended.", $"Run '{id}' is {status}: there is nothing to cancel.", status, links);
            }

            // Recursive, so the batch sub-orchestrations stop scheduling episodes too.
            var reason = $"Cancelled through the runs API at {timeProvider.GetUtcNow():O}.";
            await client.TerminateInstanceAsync(id, new TerminateInstanceOptions(reason, Recursive: true), cancellationToken).ConfigureAwait(false);
            var tenant = run.Request.Tenant;
            logger.LogInformation("Cancelling run {RunId} of tenant {Tenant}, which was {Status}", id, tenant, status);
            return new AcceptedResult(links.Self, new RunAcceptedResponse(id, tenant, "cancelling", links));
        }, cancellationToken).ConfigureAwait(false);
    }
}
