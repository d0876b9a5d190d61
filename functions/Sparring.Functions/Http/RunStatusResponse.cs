using System.Text.Json;
using Microsoft.DurableTask.Client;
using Sparring.Orchestration.Contracts;
using Sparring.Tenancy.Callbacks;

namespace Sparring.Functions.Http;

/// <summary>The body of <c>GET /api/runs/{id}</c>: where a run stands.</summary>
/// <param name="RunId">The run id (the orchestration's instance id).</param>
/// <param name="Tenant">The tenant the run belongs to.</param>
/// <param name="Status">pending, running, suspended, completed, failed or cancelled.</param>
/// <param name="RuntimeStatus">The Durable runtime status the status comes from.</param>
/// <param name="CreatedAt">When the run was scheduled (UTC).</param>
/// <param name="LastUpdatedAt">When its orchestration last changed (UTC).</param>
/// <param name="Progress">Phase, episodes done and failed, total, running mean reward; null before the run starts.</param>
/// <param name="Result">The run's result once completed.</param>
/// <param name="Error">Why it failed, or the reason it was cancelled.</param>
/// <param name="Links">Its status, report and cancel endpoints.</param>
/// <param name="Callback">Where its completion callback stands; null when none was attempted.</param>
public sealed record RunStatusResponse(
    string RunId,
    string? Tenant,
    string Status,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    RunProgressStatus? Progress,
    EvaluationRunResult? Result,
    string? Error,
    RunLinks Links,
    RunCallbackStatus? Callback = null)
{
    /// <summary>The response for a run's orchestration, fetched with its inputs and outputs.</summary>
    internal static RunStatusResponse From(OrchestrationMetadata run, RunLinks links, CallbackRecord? callback = null)
    {
        var status = run.RuntimeStatus;
        var error = status switch
        {
            OrchestrationRuntimeStatus.Failed => run.FailureDetails?.ErrorMessage,
            OrchestrationRuntimeStatus.Terminated => TerminationReason(run),
            _ => null,
        };
        return new RunStatusResponse(
            run.InstanceId,
            run.SerializedInput is null ? null : run.ReadInputAs<EvaluationRunRequest>()?.Tenant,
            RunStates.Name(status),
            status.ToString(),
            run.CreatedAt,
            run.LastUpdatedAt,
            run.SerializedCustomStatus is null ? null : run.ReadCustomStatusAs<RunProgressStatus>(),
            status == OrchestrationRuntimeStatus.Completed && run.SerializedOutput is not null ? run.ReadOutputAs<EvaluationRunResult>() : null,
            error,
            links,
            callback is null ? null : new RunCallbackStatus(callback.Status, callback.Attempts, callback.LastError));
    }

    private static string? TerminationReason(OrchestrationMetadata run)
    {
        if (run.SerializedOutput is null)
        {
            return null;
        }

        // The cancel endpoint stores a JSON string; Durable's own terminate API stores its reason as plain text.
        try
        {
            return run.ReadOutputAs<string>();
        }
        catch (JsonException)
        {
            return run.SerializedOutput;
        }
    }
}

/// <summary>A run's completion callback as <c>GET /api/runs/{id}</c> shows it.</summary>
/// <param name="Status">retrying, delivered or failed.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="LastError">The last failed attempt's error.</param>
public sealed record RunCallbackStatus(string Status, int Attempts, string? LastError);
