using static TorchSharp.torch;

namespace Sparring.Training.Rl;

/// <summary>
/// PPO's clipped surrogate per token, as a loss: max(−A·r, −A·clip(r, 1 − low, 1 + high)) with r the ratio of the
/// policy's probability of a sampled token to the rollout policy's. Positions outside the mask have r = 1.
/// </summary>
/// <param name="LogRatio">log r, zero outside the mask.</param>
/// <param name="Ratio">r.</param>
/// <param name="Unclipped">−A·r.</param>
/// <param name="Clipped">−A·clip(r).</param>
internal sealed record ClippedObjective(Tensor LogRatio, Tensor Ratio, Tensor Unclipped, Tensor Clipped)
{
    /// <summary>The surrogate of the log-probabilities (batch, time) against the rollout's, with advantages that broadcast to them.</summary>
    public static ClippedObjective Of(Tensor logProbabilities, Tensor oldLogProbabilities, Tensor advantages, Tensor mask, double low, double high)
    {
        var logRatio = (logProbabilities - oldLogProbabilities) * mask;
        var ratio = logRatio.exp();
        var unclipped = -advantages * ratio;
        var clipped = -advantages * ratio.clamp(1 - low, 1 + high);
        return new ClippedObjective(logRatio, ratio, unclipped, clipped);
    }

    /// <summary>The loss summed over the mask's tokens and divided by <paramref name="count"/>.</summary>
    public Tensor Loss(Tensor mask, double count) => (Unclipped.maximum(Clipped) * mask).sum() / count;

    /// <summary>Tokens (as 1) where the clipped term is the loss: the ratio left the clip range in the advantage's direction.</summary>
    public Tensor ClippedTokens => Clipped.gt(Unclipped).to(ScalarType.Float32);

    /// <summary>The approximate KL from the rollout policy, ½·(log r)², summed over the mask and divided by <paramref name="count"/>.</summary>
    public Tensor ApproximateKl(double count) => 0.5 * LogRatio.square().sum() / count;
}
