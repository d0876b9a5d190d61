using static TorchSharp.torch;

namespace Sparring.Training.Rl;

/// <summary>The next-token distribution the rollouts sampled from: logits divided by the sampling temperature.</summary>
internal static class PolicyDistribution
{
    /// <summary>Logits at <paramref name="temperature"/>, so ratios, KL and entropy are those of what was sampled.</summary>
    public static Tensor Tempered(Tensor logits, double temperature) => temperature == 1.0 ? logits : logits / temperature;

    /// <summary>Entropy (…) of the distribution at each position of the logits (…, vocabulary).</summary>
    public static Tensor Entropy(Tensor logits)
    {
        var logProbabilities = nn.functional.log_softmax(logits, -1);
        return -(logProbabilities.exp() * logProbabilities).sum(-1);
    }
}
