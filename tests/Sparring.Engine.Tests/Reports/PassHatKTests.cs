using Sparring.Engine.Reports;

namespace Sparring.Engine.Tests.Reports;

public class PassHatKTests
{
    [Fact]
    public void Matches_hand_computed_values()
    {
        // Task A: 4 trials, 3 successes; task B: 4 trials, 1 success.
        // pass^1 = (3/4 + 1/4) / 2 = 0.5
        // pass^2 = (C(3,2)/C(4,2) + C(1,2)/C(4,2)) / 2 = (3/6 + 0) / 2 = 0.25
        // pass^3 = (C(3,3)/C(4,3) + 0) / 2 = (1/4) / 2 = 0.125
        // pass^4 = (C(3,4)/C(4,4) + 0) / 2 = 0
        var result = PassHatK.Compute([(4, 3), (4, 1)]);

        Assert.Equal([1, 2, 3, 4], result.Keys);
        Assert.Equal(0.5, result[1], 12);
        Assert.Equal(0.25, result[2], 12);
        Assert.Equal(0.125, result[3], 12);
        Assert.Equal(0, result[4], 12);
    }

    [Fact]
    public void A_task_always_solved_has_pass_hat_k_of_one_for_every_k()
    {
        var result = PassHatK.Compute([(5, 5)]);

        Assert.All(result.Values, v => Assert.Equal(1, v, 12));
    }

    [Fact]
    public void K_stops_at_the_fewest_trials_of_any_task()
    {
        var result = PassHatK.Compute([(3, 3), (2, 1)]);

        // pass^2 = (C(3,2)/C(3,2) + C(1,2)/C(2,2)) / 2 = 0.5
        Assert.Equal([1, 2], result.Keys);
        Assert.Equal(0.5, result[2], 12);
    }

    [Theory]
    [InlineData(5, 2, 10)]
    [InlineData(10, 3, 120)]
    [InlineData(4, 0, 1)]
    [InlineData(2, 3, 0)]
    public void Binomial_coefficients(int n, int k, double expected)
    {
        Assert.Equal(expected, PassHatK.Choose(n, k), 9);
    }
}
