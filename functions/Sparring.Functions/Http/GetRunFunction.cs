using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Sparring.Functions.Access;
using Sparring.Tenancy.Callbacks;

namespace Sparring.Functions.Http;

/// <summary><c>GET /api/runs/{id}</c>: a run's status, progress, its result once completed, and its completion callback.</summary>
public sealed class GetRunFunction(ApiAccess access, ICallbackLog callbacks)
{
    /// <summary>200 with <see cref="RunStatusResponse"/>; 401 without a valid key; 404 when the caller's tenant has no such run.</summary>
    [Function("GetRun")]
    public async Task<IActionResult> GetRunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        return await RunLookup.RespondAsync(access, request, client, id, async run =>
        {
            var callback = await callbacks.GetAsync(run.Request.Tenant, id, cancellationToken).ConfigureAwait(false);
            return new OkObjectResult(RunStatusResponse.From(run.Orchestration, RunLinks.For(request, id), callback));
        }, cancellationToken).ConfigureAwait(false);
    }
}
