using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;
using Sparring.Functions.Access;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;
using Sparring.Orchestration.Telemetry;
using Sparring.Tenancy.Idempotency;
using Sparring.Tenancy.Tenants;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Functions.Http;

/// <summary>
/// Starts an authenticated tenant's run from a <c>POST /api/runs</c> body: validation, the body's tenant against the
/// caller's, the idempotency key (bound before anything is scheduled), the run id's owner and state, the
/// concurrent-runs quota, then the schedule. Both the API-key route and the signed webhook come through here.
/// </summary>
public sealed class RunStarter(IIdempotencyStore idempotency, RunQuotaCheck episodeQuota, TimeProvider timeProvider, ILogger<RunStarter> logger)
{
    /// <summary>The largest body accepted; a run request is a few hundred bytes, a long scenario list a few hundred KB.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>202 with the run's links (the same for a repeated delivery), or the problem that stops it.</summary>
    public async Task<IActionResult> StartAsync(HttpRequest request, DurableTaskClient client, Tenant tenant, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(body);
        EvaluationRunRequest? run;
        var errors = new ValidationErrors();
        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            if (BodyTenant(document.RootElement) is { } named && named != tenant.Id)
            {
                return AccessProblems.WrongTenant(tenant.Id, named);
            }

            run = StartRunParser.Parse(document.RootElement, tenant.Id, NewRunId, errors);
        }
        catch (JsonException ex)
        {
            return RunProblems.MalformedJson(ex);
        }

        var key = request.Headers[WebhookHeaders.IdempotencyKey].ToString();
        if (key.Length > 0 && !IdempotencyKeys.IsValid(key))
        {
            errors.Add($"header {WebhookHeaders.IdempotencyKey}", $"must be {IdempotencyKeys.Rule}");
        }

        if (run is null || errors.Count > 0)
        {
            return RunProblems.Validation(errors);
        }

        if (key.Length > 0)
        {
            var claim = await idempotency.ClaimAsync(tenant.Id, key, IdempotencyKeys.BodyHash(body), run.RunId, cancellationToken).ConfigureAwait(false);
            if (!claim.BodyMatches)
            {
                return AccessProblems.IdempotencyKeyReused(key, claim.RunId);
            }

            if (!claim.IsNew)
            {
                run = run with { RunId = claim.RunId };
                // Scheduled by the first delivery: answer as it was answered. Not scheduled (that delivery stopped in
                // between, or was over quota): schedule it now, under the same run id.
                if (await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
                {
                    logger.LogInformation("Idempotency key of tenant {Tenant} repeated: returning run {RunId}", tenant.Id, run.RunId);
                    return Accepted(request, run);
                }
            }
        }

        var links = RunLinks.For(request, run.RunId);
        var existing = await client.GetInstanceAsync(run.RunId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (existing is not null && RunLookup.TenantOf(existing) != tenant.Id)
        {
            // Another tenant's id (or a batch's): saying whose would tell that it exists and to whom.
            return RunProblems.Conflict("The run id is taken.", $"Run id '{run.RunId}' is in use: choose another, or leave runId out for a generated one.", "taken", links);
        }

        if (existing is not null && RunStates.IsActive(existing.RuntimeStatus))
        {
            var active = RunStates.Name(existing.RuntimeStatus);
            return RunProblems.Conflict("The run is still going.", $"Run '{run.RunId}' is {active}: cancel it or wait for it to end before starting that id again.", active, links);
        }

        if (tenant.Quota.ConcurrentRuns is { } limit && await ActiveRuns.CountAsync(client, tenant.Id, cancellationToken).ConfigureAwait(false) is var going && going >= limit)
        {
            return AccessProblems.QuotaExceeded($"Tenant '{tenant.Id}' has {going} runs going and a quota of {limit} concurrent runs: wait for one to end or cancel one.");
        }

        if (await episodeQuota.RejectAsync(run, cancellationToken).ConfigureAwait(false) is { } overQuota)
        {
            return overQuota;
        }

        run = run with { Callback = new CompletionCallback(links.Self) };

        // The run's span in Azure: the Durable extension carries its trace context on to the orchestration and activities.
        using var span = OrchestrationTelemetry.StartRun("run", new RunKey(run.Tenant, run.RunId), run.Environment.Name ?? run.Environment.Path);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(EvaluationRunOrchestrator), run, new StartOrchestrationOptions(run.RunId), cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Scheduled run {RunId} of tenant {Tenant}: environment {Environment}, policy {Policy}, {EpisodesPerScenario} episodes per scenario, concurrency {Concurrency}",
            run.RunId, run.Tenant, run.Environment, run.Models.Policy, run.EpisodesPerScenario, run.Concurrency);
        return Accepted(request, run);
    }

    private static AcceptedResult Accepted(HttpRequest request, EvaluationRunRequest run)
    {
        var links = RunLinks.For(request, run.RunId);
        return new AcceptedResult(links.Self, new RunAcceptedResponse(run.RunId, run.Tenant, "pending", links));
    }

    private static string? BodyTenant(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("tenant", out var tenant) && tenant.ValueKind == JsonValueKind.String ? tenant.GetString() : null;

    // Version 7: ids sort by creation time, which is how people look for runs in storage.
    private string NewRunId() => $"run-{Guid.CreateVersion7(timeProvider.GetUtcNow()):N}";
}
