namespace Sparring.Training.Optimization;

/// <summary>Linear warm-up to the peak, then cosine decay to a floor.</summary>
public sealed record LearningRateSchedule(double Peak, int WarmupSteps, int TotalSteps, double MinFraction)
{
    /// <summary>The learning rate of step <paramref name="step"/> (0-based).</summary>
    public double At(int step)
    {
        if (step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        var span = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / span, 0, 1);
        return Peak * (MinFraction + (1 - MinFraction) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
