namespace Sparring.Training.Sft;

/// <summary>What SFT did.</summary>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="Tokens">Tokens trained on (padding excluded).</param>
/// <param name="FirstEpochLoss">Mean loss over the first epoch.</param>
/// <param name="LastEpochLoss">Mean loss over the last epoch.</param>
/// <param name="ValidationLoss">Mean loss on the held-out conversations, if any were given.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record SftResult(int Steps, long Tokens, double FirstEpochLoss, double LastEpochLoss, double? ValidationLoss, double Seconds);
