namespace Sparring.Training.Sft;

/// <summary>Where SFT stands after a step.</summary>
/// <param name="Step">Steps done.</param>
/// <param name="TotalSteps">Steps planned.</param>
/// <param name="Epoch">The epoch (1-based).</param>
/// <param name="Loss">This step's mean loss per assistant token.</param>
/// <param name="TokensPerSecond">Tokens (padding excluded) a second so far.</param>
/// <param name="LearningRate">This step's learning rate.</param>
public sealed record SftProgress(int Step, int TotalSteps, int Epoch, double Loss, double TokensPerSecond, double LearningRate);
