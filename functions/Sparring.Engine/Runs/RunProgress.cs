namespace Sparring.Engine.Runs;

/// <summary>How far a run has got: episodes done (failed included), failed, total, and the running mean reward.</summary>
public sealed record RunProgress(int Done, int Failed, int Total, double MeanReward);
