using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Sparring.Abstractions.Json;
using Sparring.Functions.Access;
using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Contracts;

namespace Sparring.Functions.Http;

/// <summary><c>GET /api/runs/{id}/report</c>: the run's report.json from storage, once the run has completed.</summary>
public sealed class GetRunReportFunction(ApiAccess access, ITrajectoryStore store)
{
    /// <summary>200 with the report; 401 without a valid key; 404 when the caller's tenant has no such run (or no report); 409 while it runs or when it ended otherwise.</summary>
    [Function("GetRunReport")]
    public async Task<IActionResult> GetRunReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "runs/{id}/report")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var caller = await access.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        if (!caller.IsAdmitted)
        {
            return caller.Rejection;
        }

        var run = await RunLookup.FindAsync(client, id, caller.Tenant.Id, cancellationToken).ConfigureAwait(false);
        if (run is null || run.ReadInputAs<EvaluationRunRequest>() is not { } input)
        {
            return RunProblems.NotFound(id);
        }

        var status = RunStates.Name(run.RuntimeStatus);
        if (run.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            return RunProblems.Conflict("The run has no report.", $"Run '{id}' is {status}: its report is written when it completes.", status, RunLinks.For(request, id));
        }

        var report = await store.ReadReportAsync(new RunKey(input.Tenant, input.RunId), cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return RunProblems.NotFound(id);
        }

        // The stored document's own serializer, so the response is report.json as the CLI and storage have it.
        return new ContentResult
        {
            StatusCode = StatusCodes.Status200OK,
            ContentType = "application/json; charset=utf-8",
            Content = JsonSerializer.Serialize(report, SparringJsonContext.Indented.RunReport),
        };
    }
}
