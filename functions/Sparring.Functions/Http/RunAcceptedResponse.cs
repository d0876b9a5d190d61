namespace Sparring.Functions.Http;

/// <summary>The body of a 202 from <c>POST /api/runs</c> or <c>POST /api/runs/{id}/cancel</c>.</summary>
/// <param name="RunId">The run id: the one given, or the one generated.</param>
/// <param name="Tenant">The tenant the run belongs to.</param>
/// <param name="Status">pending for a scheduled run, cancelling for a run being stopped.</param>
/// <param name="Links">Its status, report and cancel endpoints.</param>
public sealed record RunAcceptedResponse(string RunId, string? Tenant, string Status, RunLinks Links);
