namespace Sparring.Training.Rl;

/// <summary>The numbers of one RL step a training report shows, from its metrics whichever algorithm made them.</summary>
/// <param name="Kl">The rollout policy's KL to the reference summed over an episode's actions, averaged over episodes (objective/kl).</param>
/// <param name="Entropy">Its entropy summed likewise (objective/entropy).</param>
/// <param name="KlCoefficient">PPO's KL coefficient, or GRPO's and RLOO's β.</param>
/// <param name="ClipFraction">The share of actions whose ratio was clipped.</param>
/// <param name="ValueLoss">PPO's value loss; null without a value head.</param>
/// <param name="ZeroStdGroupShare">The share of groups whose scores were all equal; null for PPO.</param>
public sealed record RlStepSummary(double Kl, double Entropy, double KlCoefficient, double ClipFraction, double? ValueLoss, double? ZeroStdGroupShare)
{
    /// <summary>The summary of a step's metrics (PPO's or the group-relative trainers' names).</summary>
    public static RlStepSummary From(IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        double? Optional(string name) => metrics.TryGetValue(name, out var value) ? value : null;
        return new RlStepSummary(
            metrics["objective/kl"],
            metrics["objective/entropy"],
            Optional("objective/kl_coef") ?? metrics["beta"],
            Optional("policy/clipfrac_avg") ?? metrics["clip_ratio/region_mean"],
            Optional("loss/value_avg"),
            Optional("frac_reward_zero_std"));
    }
}
