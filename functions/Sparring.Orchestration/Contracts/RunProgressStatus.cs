namespace Sparring.Orchestration.Contracts;

/// <summary>
/// A run's custom status: phase, episodes done (failed included), failed, total and the running mean reward, counted
/// from finished batches; <see cref="Batches"/> says how many batch sub-orchestrations there are, whose own custom
/// status (a <see cref="BatchOutcome"/> so far) gives finer progress while they run.
/// </summary>
public sealed record RunProgressStatus(string Phase, int Done, int Failed, int Total, double MeanReward, int Batches = 0);
