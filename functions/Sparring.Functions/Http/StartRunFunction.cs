using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;

namespace Sparring.Functions.Http;

/// <summary><c>POST /api/runs</c>: validates a run request and schedules its evaluation run, the run id being the instance id.</summary>
public sealed class StartRunFunction(TimeProvider timeProvider, ILogger<StartRunFunction> logger)
{
    /// <summary>The largest body accepted; a run request is a few hundred bytes, a long scenario list a few hundred KB.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>202 with the run's links and a Location header; 400 listing what is wrong; 409 when the id's run is still going.</summary>
    [Function("StartRun")]
    public async Task<IActionResult> StartRunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (request.ContentLength > MaxBodyBytes)
        {
            return RunProblems.TooLarge(MaxBodyBytes);
        }

        EvaluationRunRequest? run;
        var errors = new ValidationErrors();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, DocumentOptions, cancellationToken).ConfigureAwait(false);
            run = StartRunParser.Parse(body.RootElement, NewRunId, errors);
        }
        catch (JsonException ex)
        {
            return RunProblems.MalformedJson(ex);
        }

        if (run is null)
        {
            return RunProblems.Validation(errors);
        }

        var links = RunLinks.For(request, run.RunId);
        if (await ActiveStatusAsync(client, run.RunId, cancellationToken).ConfigureAwait(false) is { } active)
        {
            return RunProblems.Conflict("The run is still going.", $"Run '{run.RunId}' is {active}: cancel it or wait for it to end before starting that id again.", active, links);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(nameof(EvaluationRunOrchestrator), run, new StartOrchestrationOptions(run.RunId), cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Scheduled run {RunId} of tenant {Tenant}: environment {Environment}, policy {Policy}, {EpisodesPerScenario} episodes per scenario, concurrency {Concurrency}",
            run.RunId, run.Tenant, run.Environment, run.Models.Policy, run.EpisodesPerScenario, run.Concurrency);
        return new AcceptedResult(links.Self, new RunAcceptedResponse(run.RunId, run.Tenant, "pending", links));
    }

    private static async Task<string?> ActiveStatusAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        return existing is not null && RunStates.IsActive(existing.RuntimeStatus) ? RunStates.Name(existing.RuntimeStatus) : null;
    }

    // Version 7: ids sort by creation time, which is how people look for runs in storage.
    private string NewRunId() => $"run-{Guid.CreateVersion7(timeProvider.GetUtcNow()):N}";
}
