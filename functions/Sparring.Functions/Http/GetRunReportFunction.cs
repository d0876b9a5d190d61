using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Functions.Access;

namespace Sparring.Functions.Http;

/// <summary><c>GET /api/runs/{id}/report</c>: the run's report (<see cref="RunFiles.Report"/>) from storage, once the run has completed.</summary>
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
        return await RunLookup.RespondAsync(access, request, client, id, async run =>
        {
            var status = RunStates.Name(run.Orchestration.RuntimeStatus);
            if (run.Orchestration.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                return RunProblems.Conflict("The run has no report.", $"Run '{id}' is {status}: its report is written when it completes.", status, RunLinks.For(request, id));
            }

            var report = await store.ReadReportAsync(new RunKey(run.Request.Tenant, run.Request.RunId), cancellationToken).ConfigureAwait(false);
            return report is null ? RunProblems.NotFound(id) : Json(report);
        }, cancellationToken).ConfigureAwait(false);
    }

    // The stored document's own serializer, so the response is the report file as the CLI and storage have it.
    private static ContentResult Json(RunReport report) => new()
    {
        StatusCode = StatusCodes.Status200OK,
        ContentType = "application/json; charset=utf-8",
        Content = JsonSerializer.Serialize(report, SparringJsonContext.Indented.RunReport),
    };
}
