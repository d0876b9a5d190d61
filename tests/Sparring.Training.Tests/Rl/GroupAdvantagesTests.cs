using Sparring.Training.Ppo;
using Sparring.Training.Rl;

namespace Sparring.Training.Tests.Rl;

/// <summary>Group-relative advantages: GRPO's and RLOO's baselines, the three scalings, and groups that say nothing.</summary>
public sealed class GroupAdvantagesTests
{
    private static PpoEpisode Episode(string group, double score) => new([1, 2], [false, true], score) { Group = group };

    private static readonly IReadOnlyList<PpoEpisode> Batch =
    [
        Episode("a", 0), Episode("a", 1), Episode("a", 1),
        Episode("b", 0.5), Episode("b", 0.25),
        Episode("c", 0.1), Episode("c", 0.1), Episode("c", 0.1),
        Episode("d", 0.7),
    ];

    [Fact]
    public void Grpo_divides_by_the_group_standard_deviation_by_default()
    {
        var result = GroupAdvantages.Compute(Batch, RlAlgorithm.Grpo, new GroupRelativeOptions().EffectiveScaling);

        var deviationA = Math.Sqrt(1.0 / 3);
        Assert.Equal(-2.0 / 3 / (deviationA + 1e-4), result.Advantages[0], 9);
        Assert.Equal(1.0 / 3 / (deviationA + 1e-4), result.Advantages[1], 9);
        var deviationB = Math.Sqrt(2 * 0.125 * 0.125);
        Assert.Equal(0.125 / (deviationB + 1e-4), result.Advantages[3], 9);
        Assert.Equal(-0.125 / (deviationB + 1e-4), result.Advantages[4], 9);
    }

    [Fact]
    public void Rloo_subtracts_the_mean_of_the_other_episodes_and_scales_by_the_batch()
    {
        var raw = GroupAdvantages.Compute(Batch, RlAlgorithm.Rloo, AdvantageScaling.None);
        Assert.Equal([-1, 0.5, 0.5, 0.25, -0.25], raw.Advantages.Take(5));

        var scaled = GroupAdvantages.Compute(Batch, RlAlgorithm.Rloo, new GroupRelativeOptions { Algorithm = RlAlgorithm.Rloo }.EffectiveScaling);
        var scores = Batch.Select(e => e.Score).ToArray();
        var batchDeviation = Math.Sqrt(scores.Sum(s => (s - scores.Average()) * (s - scores.Average())) / (scores.Length - 1));
        Assert.Equal(-1 / (batchDeviation + 1e-4), scaled.Advantages[0], 9);
        Assert.Equal(0.25 / (batchDeviation + 1e-4), scaled.Advantages[3], 9);
    }

    [Fact]
    public void Without_scaling_grpo_keeps_the_scores_scale()
    {
        var result = GroupAdvantages.Compute(Batch, RlAlgorithm.Grpo, AdvantageScaling.None);

        Assert.Equal(-2.0 / 3, result.Advantages[0], 12);
        Assert.Equal(0.125, result.Advantages[3], 12);
    }

    [Theory]
    [InlineData(RlAlgorithm.Grpo, AdvantageScaling.Group)]
    [InlineData(RlAlgorithm.Grpo, AdvantageScaling.Batch)]
    [InlineData(RlAlgorithm.Rloo, AdvantageScaling.None)]
    public void Groups_whose_scores_are_all_equal_or_alone_get_exactly_nothing_and_are_counted(RlAlgorithm algorithm, AdvantageScaling scaling)
    {
        var result = GroupAdvantages.Compute(Batch, algorithm, scaling);

        // Three times 0.1 averages to 0.10000000000000002: the advantage must still be exactly 0, not that residue over ε.
        Assert.All(result.Advantages.Skip(5), advantage => Assert.Equal(0.0, advantage));
        Assert.Equal([true, true, true, true, true, false, false, false, false], result.Informative);
        Assert.Equal((4, 2), (result.Groups, result.ZeroVarianceGroups));
        Assert.Equal((Math.Sqrt(1.0 / 3) + Math.Sqrt(2 * 0.125 * 0.125)) / 4, result.MeanGroupStandardDeviation, 12);
    }

    [Fact]
    public void An_episode_without_a_group_is_refused()
    {
        var episodes = new[] { Episode("a", 0), new PpoEpisode([1, 2], [false, true], 1) };

        var error = Assert.Throws<ArgumentException>(() => GroupAdvantages.Compute(episodes, RlAlgorithm.Grpo, AdvantageScaling.Group));
        Assert.Contains("episode 1 has no group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Algorithms_are_named_and_parsed()
    {
        Assert.Equal([RlAlgorithm.Grpo, RlAlgorithm.Rloo, RlAlgorithm.Ppo], RlAlgorithms.Names.Select(RlAlgorithms.Parse));
        Assert.Equal("GRPO", RlAlgorithms.Label(RlAlgorithm.Grpo));
        Assert.Contains("use grpo, rloo, ppo", Assert.Throws<ArgumentException>(() => RlAlgorithms.Parse("a2c")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new GroupRelativeOptions { Algorithm = RlAlgorithm.Ppo }.Validate());
    }
}
