using Microsoft.DurableTask.Client;

namespace Sparring.Functions.Http;

/// <summary>A run's state in the API's words, from its orchestration's runtime status.</summary>
internal static class RunStates
{
    /// <summary>pending, running, suspended, completed, failed or cancelled (terminated).</summary>
    public static string Name(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => "pending",
        OrchestrationRuntimeStatus.Running => "running",
        OrchestrationRuntimeStatus.Suspended => "suspended",
        OrchestrationRuntimeStatus.Completed => "completed",
        OrchestrationRuntimeStatus.Failed => "failed",
        OrchestrationRuntimeStatus.Terminated => "cancelled",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether the run has not ended yet, so it can be cancelled and its id cannot start another run.</summary>
    public static bool IsActive(OrchestrationRuntimeStatus status) => status is
        OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;
}
