using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Sparring.Functions.Http;

/// <summary><c>GET /api/runs/{id}</c>: a run's status, progress and, once completed, its result.</summary>
public static class GetRunFunction
{
    /// <summary>200 with <see cref="RunStatusResponse"/>; 404 when there is no such run.</summary>
    [Function("GetRun")]
    public static async Task<IActionResult> GetRunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var run = await RunLookup.FindAsync(client, id, cancellationToken).ConfigureAwait(false);
        return run is null
            ? RunProblems.NotFound(id)
            : new OkObjectResult(RunStatusResponse.From(run, RunLinks.For(request, id)));
    }
}
