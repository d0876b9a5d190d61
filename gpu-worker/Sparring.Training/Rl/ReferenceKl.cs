using static TorchSharp.torch;

namespace Sparring.Training.Rl;

/// <summary>The KL of the policy to the frozen reference, estimated on the sampled tokens.</summary>
internal static class ReferenceKl
{
    /// <summary>
    /// Schulman's k3 estimator per token, exp(q) − q − 1 with q = log π_ref − log π: unbiased, never negative, the one
    /// GRPO puts in its loss. Zero outside the mask; q is masked before the exponential so padding cannot overflow it.
    /// </summary>
    public static Tensor K3(Tensor logProbabilities, Tensor referenceLogProbabilities, Tensor mask)
    {
        var q = (referenceLogProbabilities - logProbabilities) * mask;
        return q.exp() - q - 1;
    }

    /// <summary>k3 of one token from its two log-probabilities.</summary>
    public static double K3(double logProbability, double referenceLogProbability)
    {
        var q = referenceLogProbability - logProbability;
        return Math.Exp(q) - q - 1;
    }
}
