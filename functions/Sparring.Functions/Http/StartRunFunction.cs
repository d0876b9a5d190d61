using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Sparring.Functions.Access;

namespace Sparring.Functions.Http;

/// <summary><c>POST /api/runs</c>: a tenant, authenticated by API key, schedules an evaluation run; the run id is the instance id.</summary>
public sealed class StartRunFunction(ApiAccess access, RunStarter starter)
{
    /// <summary>The largest body accepted.</summary>
    public const long MaxBodyBytes = RunStarter.MaxBodyBytes;

    /// <summary>
    /// 202 with the run's links and a Location header; 400 listing what is wrong; 401 without a valid key; 403 for a
    /// body naming another tenant; 409 when the id's run is still going; 422 for a reused idempotency key; 429 over quota or rate.
    /// </summary>
    [Function("StartRun")]
    public async Task<IActionResult> StartRunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var caller = await access.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        if (!caller.IsAdmitted)
        {
            return caller.Rejection;
        }

        return await RequestBodies.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false) is { } body
            ? await starter.StartAsync(request, client, caller.Tenant, body, cancellationToken).ConfigureAwait(false)
            : RunProblems.TooLarge(MaxBodyBytes);
    }
}
