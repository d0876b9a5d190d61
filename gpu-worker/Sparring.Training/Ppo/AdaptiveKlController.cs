namespace Sparring.Training.Ppo;

/// <summary>Ziegler et al.'s adaptive KL coefficient: raised when the policy drifts past the target, lowered when it stays close.</summary>
public sealed class AdaptiveKlController(double initial, double target, double horizon, bool adaptive)
{
    /// <summary>The coefficient of the per-token KL penalty.</summary>
    public double Value { get; private set; } = initial;

    /// <summary>Updates the coefficient from the last batch's mean KL over <paramref name="episodes"/> episodes.</summary>
    public void Update(double meanKl, int episodes)
    {
        if (!adaptive)
        {
            return;
        }

        var error = Math.Clamp(meanKl / target - 1, -0.2, 0.2);
        Value *= 1 + error * episodes / horizon;
    }
}
