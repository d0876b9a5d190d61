namespace Sparring.Orchestration.Contracts;

/// <summary>Input of the EpisodeAllowance activity: the tenant, and the orchestration's current time, whose UTC month is counted.</summary>
public sealed record EpisodeAllowanceRequest(string Tenant, DateTimeOffset At);
