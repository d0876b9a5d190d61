namespace Sparring.Orchestration.Contracts;

/// <summary>
/// Asks the run to notify its tenant's completion callback when it ends. Only a host that registers
/// <c>NotifyRunCompletedActivity</c> (the Function App) sets it; local runs leave it null.
/// </summary>
/// <param name="RunUrl">The run's status URL, the callback's link back; its report is at <c>{RunUrl}/report</c>.</param>
public sealed record CompletionCallback(string RunUrl);
