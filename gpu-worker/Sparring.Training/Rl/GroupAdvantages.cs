using Sparring.Training.Ppo;

namespace Sparring.Training.Rl;

/// <summary>
/// Each episode's advantage against the other episodes of its group (the episodes of one scenario): GRPO subtracts the
/// group's mean, RLOO the mean of the others; then the advantage is divided by the group's or the batch's standard
/// deviation, or by nothing. A group whose scores are all equal (or that has one episode) says nothing about which
/// behaviour is better: its episodes get no advantage and are not <see cref="Informative"/>.
/// </summary>
/// <param name="Advantages">Per episode, in the batch's order.</param>
/// <param name="Informative">Per episode, whether its group's scores differ.</param>
/// <param name="Groups">Groups in the batch.</param>
/// <param name="ZeroVarianceGroups">Groups whose scores are all equal, singletons included.</param>
/// <param name="MeanGroupStandardDeviation">The groups' standard deviations of the score, averaged over the groups.</param>
internal sealed record GroupAdvantages(double[] Advantages, bool[] Informative, int Groups, int ZeroVarianceGroups, double MeanGroupStandardDeviation)
{
    /// <summary>Added to a standard deviation before dividing by it (TRL's).</summary>
    public const double Epsilon = 1e-4;

    /// <summary>The advantages of a batch; every episode must name its group.</summary>
    /// <exception cref="ArgumentException">An episode has no group.</exception>
    public static GroupAdvantages Compute(IReadOnlyList<PpoEpisode> episodes, RlAlgorithm algorithm, AdvantageScaling scaling)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var name = RlAlgorithms.Name(algorithm);
        for (var row = 0; row < episodes.Count; row++)
        {
            if (episodes[row].Group is null)
            {
                throw new ArgumentException($"{name}: episode {row} has no group (its scenario): group-relative advantages need one", nameof(episodes));
            }
        }

        var advantages = new double[episodes.Count];
        var informative = new bool[episodes.Count];
        var groups = Enumerable.Range(0, episodes.Count).GroupBy(row => episodes[row].Group!, StringComparer.Ordinal).Select(group => group.ToArray()).ToList();
        var zeroVariance = 0;
        double deviations = 0;
        foreach (var rows in groups)
        {
            var scores = rows.Select(row => episodes[row].Score).ToArray();
            // Compared exactly, not through the deviation: the mean of equal scores need not equal them in floating point
            // (three times 0.1 averages to 0.10000000000000002), and dividing that residue by ε would make a push of it.
            if (scores.Length < 2 || scores.All(score => score == scores[0]))
            {
                zeroVariance++;
                continue;
            }

            var deviation = StandardDeviation(scores);
            deviations += deviation;
            var sum = scores.Sum();
            for (var i = 0; i < rows.Length; i++)
            {
                var baseline = algorithm == RlAlgorithm.Rloo ? (sum - scores[i]) / (scores.Length - 1) : sum / scores.Length;
                var advantage = scores[i] - baseline;
                advantages[rows[i]] = scaling == AdvantageScaling.Group ? advantage / (deviation + Epsilon) : advantage;
                informative[rows[i]] = true;
            }
        }

        if (scaling == AdvantageScaling.Batch)
        {
            var scale = StandardDeviation(episodes.Select(episode => episode.Score).ToArray()) + Epsilon;
            for (var row = 0; row < advantages.Length; row++)
            {
                advantages[row] /= scale;
            }
        }

        return new GroupAdvantages(advantages, informative, groups.Count, zeroVariance, groups.Count == 0 ? 0 : deviations / groups.Count);
    }

    // The sample standard deviation (n − 1), as torch.std gives TRL; 0 for fewer than two values.
    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Length - 1));
    }
}
