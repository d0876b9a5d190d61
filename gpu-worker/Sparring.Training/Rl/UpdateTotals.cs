namespace Sparring.Training.Rl;

/// <summary>What an update phase did.</summary>
/// <param name="Updates">Optimizer steps taken.</param>
/// <param name="ApproximateKl">Sum over the steps of each minibatch's approximate KL from the rollout policy.</param>
/// <param name="GradientNorm">Sum over the steps of the gradient's norm before clipping.</param>
internal sealed record UpdateTotals(int Updates, double ApproximateKl, double GradientNorm);
