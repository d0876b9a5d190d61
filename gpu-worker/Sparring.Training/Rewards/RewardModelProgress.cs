namespace Sparring.Training.Rewards;

/// <summary>Where reward model training stands after a step.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="TotalSteps">Steps planned.</param>
/// <param name="Epoch">The epoch (1-based).</param>
/// <param name="Loss">This step's mean squared error per criterion.</param>
/// <param name="LearningRate">This step's learning rate.</param>
public sealed record RewardModelProgress(int Step, int TotalSteps, int Epoch, double Loss, double LearningRate);
