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
        foreach (var gate in spec.Gates)
        {
            if (byName.TryGetValue(gate.Grader, out var gated) && gated.Applicable && gated.Score < gate.AtLeast - Tolerance)
            {
                return (0, false);
            }
        }

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

        reward = Math.Clamp(reward, 0, 1);
        return (reward, reward >= spec.SuccessThreshold - Tolerance);
    }
}
