using Sparring.Abstractions.Grading;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;

namespace Sparring.Engine.Tests.Grading;

public class RewardFormulaTests
{
    private static GraderResult Result(string name, double score, bool applicable = true) => new(name, "test", score, applicable, "test");

    [Fact]
    public void Weighted_sum_normalizes_by_the_weights_of_applicable_graders()
    {
        var formula = new RewardFormula(new RewardSpec { Weights = new Dictionary<string, double> { ["a"] = 3, ["b"] = 1, ["c"] = 4 } });

        // c does not apply: (3 * 1 + 1 * 0.5) / (3 + 1) = 0.875
        var (reward, success) = formula.Compute([Result("a", 1), Result("b", 0.5), Result("c", 0, applicable: false)]);

        Assert.Equal(0.875, reward, 12);
        Assert.False(success);
    }

    [Fact]
    public void A_failed_gate_zeroes_the_reward()
    {
        var formula = new RewardFormula(new RewardSpec
        {
            Weights = new Dictionary<string, double> { ["a"] = 1 },
            Gates = [new RewardGate("safety")],
        });

        Assert.Equal(0, formula.Compute([Result("a", 1), Result("safety", 0)]).Reward);
        Assert.Equal(1, formula.Compute([Result("a", 1), Result("safety", 1)]).Reward);
        Assert.Equal(1, formula.Compute([Result("a", 1), Result("safety", 0, applicable: false)]).Reward);
    }

    [Fact]
    public void The_dense_training_reward_keeps_partial_credit_when_a_gate_fails_but_halves_it()
    {
        var formula = new RewardFormula(new RewardSpec
        {
            Weights = new Dictionary<string, double> { ["a"] = 3, ["b"] = 1 },
            Gates = [new RewardGate("outputs", 0.5)],
        });
        GraderResult[] failing = [Result("a", 1), Result("b", 0), Result("outputs", 0)];
        GraderResult[] passing = [Result("a", 1), Result("b", 0), Result("outputs", 1)];

        Assert.Equal(0, formula.Compute(failing).Reward);
        Assert.Equal(0.375, formula.Dense(failing), 12);
        Assert.Equal(0.75, formula.Dense(passing), 12);
        Assert.Equal(formula.Compute(passing).Reward, formula.Dense(passing), 12);
    }

    [Fact]
    public void A_gate_threshold_below_one_lets_partial_scores_through()
    {
        var formula = new RewardFormula(new RewardSpec { Weights = new Dictionary<string, double> { ["a"] = 1 }, Gates = [new RewardGate("tools", 0.8)] });

        Assert.Equal(1, formula.Compute([Result("a", 1), Result("tools", 0.8)]).Reward);
        Assert.Equal(0, formula.Compute([Result("a", 1), Result("tools", 0.79)]).Reward);
    }

    [Fact]
    public void Product_and_min_combine_the_listed_graders()
    {
        var weights = new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 };
        GraderResult[] results = [Result("a", 0.5), Result("b", 0.8), Result("unlisted", 0)];

        Assert.Equal(0.4, new RewardFormula(new RewardSpec { Combine = "product", Weights = weights }).Compute(results).Reward, 12);
        Assert.Equal(0.5, new RewardFormula(new RewardSpec { Combine = "min", Weights = weights }).Compute(results).Reward, 12);
    }

    [Fact]
    public void Success_is_reaching_the_threshold()
    {
        var formula = new RewardFormula(new RewardSpec { Weights = new Dictionary<string, double> { ["a"] = 1 }, SuccessThreshold = 0.7 });

        Assert.True(formula.Compute([Result("a", 0.7)]).Success);
        Assert.False(formula.Compute([Result("a", 0.69)]).Success);
    }
}
