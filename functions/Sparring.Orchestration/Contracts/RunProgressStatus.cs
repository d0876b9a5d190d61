namespace Sparring.Orchestration.Contracts;

/// <summary>A run's custom status: phase, episodes done (failed included), failed, total and the running mean reward.</summary>
public sealed record RunProgressStatus(string Phase, int Done, int Failed, int Total, double MeanReward);
