using Sparring.Training.Model;
using Sparring.Training.Optimization;
using Sparring.Training.Ppo;
using static TorchSharp.torch;

namespace Sparring.Training.Rl;

/// <summary>
/// What the policy before the update and the frozen reference say about every token of a batch of episodes: the
/// log-probability of each next token, the policy's entropy there and, for PPO, its value. Index t of an episode is
/// the prediction of token t + 1; its actions are the t whose next token the policy sampled.
/// </summary>
internal sealed class RolloutScores
{
    private RolloutScores(int rows)
    {
        OldLogProbabilities = new float[rows][];
        ReferenceLogProbabilities = new float[rows][];
        Values = new float[rows][];
        Entropies = new float[rows][];
        Actions = new int[rows][];
    }

    /// <summary>Per episode, the rollout policy's log-probability of each next token.</summary>
    public float[][] OldLogProbabilities { get; }

    /// <summary>Per episode, the reference's log-probability of each next token.</summary>
    public float[][] ReferenceLogProbabilities { get; }

    /// <summary>Per episode, the value head's estimate at each position; empty arrays when values were not asked for.</summary>
    public float[][] Values { get; }

    /// <summary>Per episode, the rollout policy's entropy at each position.</summary>
    public float[][] Entropies { get; }

    /// <summary>Per episode, the positions whose next token the policy sampled.</summary>
    public int[][] Actions { get; }

    /// <summary>Scores the episodes without gradients, <paramref name="microBatchSize"/> at a time.</summary>
    public static RolloutScores Compute(CausalTransformer policy, CausalTransformer reference, IReadOnlyList<PpoEpisode> episodes, int microBatchSize, double temperature, bool values, CancellationToken cancellationToken)
    {
        var rows = episodes.Count;
        var scores = new RolloutScores(rows);
        using (no_grad())
        {
            foreach (var chunk in Enumerable.Range(0, rows).Chunk(microBatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var (ids, _) = TokenBatch.Create(chunk.Select(row => episodes[row].Ids).ToList(), chunk.Select(row => episodes[row].PolicyMask).ToList(), policy.Device);
                var time = ids.shape[1];
                var hidden = policy.Hidden(ids);
                var logits = PolicyDistribution.Tempered(policy.Logits(hidden), temperature);
                var logProbabilities = TokenBatch.NextTokenLogProbabilities(logits, ids).cpu().data<float>().ToArray();
                var valueData = values ? policy.Values(hidden).narrow(1, 0, time - 1).contiguous().cpu().data<float>().ToArray() : [];
                var entropies = PolicyDistribution.Entropy(logits.narrow(1, 0, time - 1)).cpu().data<float>().ToArray();
                var referenceLogProbabilities = TokenBatch.NextTokenLogProbabilities(PolicyDistribution.Tempered(reference.Logits(reference.Hidden(ids)), temperature), ids).cpu().data<float>().ToArray();
                for (var i = 0; i < chunk.Length; i++)
                {
                    var row = chunk[i];
                    var positions = episodes[row].Ids.Length - 1;
                    var offset = i * (int)(time - 1);
                    scores.OldLogProbabilities[row] = logProbabilities.AsSpan(offset, positions).ToArray();
                    scores.ReferenceLogProbabilities[row] = referenceLogProbabilities.AsSpan(offset, positions).ToArray();
                    scores.Values[row] = values ? valueData.AsSpan(offset, positions).ToArray() : [];
                    scores.Entropies[row] = entropies.AsSpan(offset, positions).ToArray();
                }
            }
        }

        for (var row = 0; row < rows; row++)
        {
            var mask = episodes[row].PolicyMask;
            scores.Actions[row] = Enumerable.Range(0, episodes[row].Ids.Length - 1).Where(t => mask[t + 1]).ToArray();
        }

        return scores;
    }
}
