using Sparring.Abstractions.Grading;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Grading;

/// <summary>
/// Combines grader scores into the reward: gates first (a gated grader below its threshold zeroes the reward), then
/// a weighted sum, product or min over the applicable graders. Graders that do not apply are left out.
/// </summary>
public sealed class RewardFormula(RewardSpec spec)
{
    private const double Tolerance = 1e-9;

    /// <summary>The reward in [0, 1] and whether it reaches the success threshold.</summary>
    public (double Reward, bool Success) Compute(IReadOnlyList<GraderResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var byName = results.ToDictionary(r => r.Name, StringComparer.Ordinal);
        if (!GatesPass(byName))
        {
            return (0, false);
        }

        var reward = Combine(byName);
        return (reward, reward >= spec.SuccessThreshold - Tolerance);
    }

    /// <summary>
    /// A dense reward for training: the weighted combination even when a gate fails, halved then. Gates make the
    /// evaluation reward all-or-nothing, which leaves a weak policy no gradient; this keeps partial credit (valid tool
    /// calls, the right state) while an episode that fails a gate still scores below one that passes.
    /// </summary>
    public double Dense(IReadOnlyList<GraderResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var byName = results.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var combined = Combine(byName);
        return GatesPass(byName) ? combined : combined / 2;
    }

    private bool GatesPass(Dictionary<string, GraderResult> byName) =>
        spec.Gates.All(gate => !(byName.TryGetValue(gate.Grader, out var gated) && gated.Applicable && gated.Score < gate.AtLeast - Tolerance));

    private double Combine(Dictionary<string, GraderResult> byName)
    {
        var terms = spec.Weights
            .Where(w => byName.TryGetValue(w.Key, out var r) && r.Applicable)
            .Select(w => (Weight: w.Value, byName[w.Key].Score))
            .ToList();
        double reward;
        if (terms.Count == 0)
        {
            reward = 1;
        }
        else
        {
            reward = spec.Combine switch
            {
                "product" => terms.Aggregate(1.0, (acc, t) => acc * t.Score),
                "min" => terms.Min(t => t.Score),
                _ => terms.Sum(t => t.Weight) is var total and > 0 ? terms.Sum(t => t.Weight * t.Score) / total : 1,
            };
        }

        return Math.Clamp(reward, 0, 1);
    }
}
