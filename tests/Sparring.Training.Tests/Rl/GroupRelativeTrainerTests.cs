using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Training.Model;
using Sparring.Training.Ppo;
using Sparring.Training.Rl;
using static TorchSharp.torch;

namespace Sparring.Training.Tests.Rl;

/// <summary>GRPO and RLOO on the toy task: they learn, flat groups and foreign tokens teach nothing, no value head, β matters.</summary>
public sealed class GroupRelativeTrainerTests : IDisposable
{
    private readonly string _metrics = Path.Combine(Path.GetTempPath(), $"sparring-grpo-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_metrics);

    [Theory]
    [InlineData(RlAlgorithm.Grpo)]
    [InlineData(RlAlgorithm.Rloo)]
    public async Task The_reward_of_a_toy_task_rises_within_fifteen_steps_and_trl_metrics_are_logged(RlAlgorithm algorithm)
    {
        var config = TinyPolicy.Config(seed: 3);
        using var policy = new CausalTransformer(config);
        using var reference = new CausalTransformer(config);
        using var trainer = new GroupRelativeTrainer(policy, reference, new GroupRelativeOptions { Algorithm = algorithm, LearningRate = 3e-3, MiniBatchSize = 16 }, NullLogger.Instance);
        var log = new MetricsLog(_metrics);

        var first = ToyTask.MeanReward(policy, seed: 100_000);
        for (var step = 0; step < 15; step++)
        {
            await log.AppendAsync(step, trainer.Step(ToyTask.Rollouts(policy, step * 100), CancellationToken.None), CancellationToken.None);
        }

        var last = ToyTask.MeanReward(policy, seed: 100_000);
        Assert.True(first < 0.2, $"untrained reward {first}");
        Assert.True(last > first + 0.3, $"{algorithm}: reward {first:F3} → {last:F3}");
        Assert.True(ToyTask.MeanReward(reference, seed: 100_000) < 0.2, "the reference must not learn");
        Assert.Equal(algorithm, trainer.Algorithm);
        Assert.Equal(15, trainer.Steps);

        var lines = MetricsLog.Read(_metrics);
        Assert.Equal(15, lines.Count);
        foreach (var name in new[] { "reward", "reward_std", "frac_reward_zero_std", "kl", "entropy", "loss", "clip_ratio/low_mean", "clip_ratio/high_mean", "clip_ratio/region_mean", "completions/mean_length", "grad_norm", "beta", "num_tokens", "objective/kl", "objective/entropy" })
        {
            Assert.All(lines, line => Assert.True(line.ContainsKey(name) && double.IsFinite(line[name]), name));
        }

        Assert.All(lines, line => Assert.False(line.ContainsKey("loss/value_avg"), "no value loss without a value head"));
        Assert.Equal(ToyTask.NewTokens, lines[0]["completions/mean_length"]);
        Assert.True(lines[^1]["kl"] > lines[0]["kl"], "the policy moves away from the reference");
        Assert.True(lines[^1]["entropy"] < lines[0]["entropy"], "the policy concentrates on the rewarded tokens");
    }

    [Theory]
    [InlineData(RlAlgorithm.Grpo)]
    [InlineData(RlAlgorithm.Rloo)]
    public void A_batch_whose_groups_each_score_alike_leaves_the_policy_exactly_unchanged(RlAlgorithm algorithm)
    {
        // Every "hi" episode scores 0.1 and every "yo" one 1: against the batch that is signal, against its group none.
        // The reference is far from the policy and β large, so even the KL term would move a policy that took part.
        using var policy = new CausalTransformer(TinyPolicy.Config(seed: 5));
        using var reference = ToyTask.DistantReference();
        var episodes = ToyTask.Rollouts(policy, 0, perGroup: 3, prompts: ["hi", "yo"]).Select(e => e with { Score = e.Group == "hi" ? 0.1 : 1 }).ToList();
        using var trainer = new GroupRelativeTrainer(policy, reference, new GroupRelativeOptions { Algorithm = algorithm, LearningRate = 3e-3, Beta = 0.5 }, NullLogger.Instance);
        var before = ToyTask.Snapshot(policy);

        var metrics = trainer.Step(episodes, CancellationToken.None);

        Assert.Equal(0.0, ToyTask.MaxDifference(before, ToyTask.Snapshot(policy)));
        Assert.Equal(1.0, metrics["frac_reward_zero_std"]);
        Assert.Equal(0.0, metrics["policy/updates"]);
        Assert.True(metrics["entropy"] > 0 && metrics["kl"] > 0, "entropy and KL are logged even when nothing is updated");
    }

    [Fact]
    public void A_flat_group_adds_nothing_to_the_update_of_the_others()
    {
        Dictionary<string, float[]> After(bool withFlatGroup, out IReadOnlyDictionary<string, double> metrics)
        {
            using var policy = new CausalTransformer(TinyPolicy.Config(seed: 5));
            using var reference = ToyTask.DistantReference();
            var episodes = ToyTask.Rollouts(policy, 0, perGroup: 4, prompts: ["hi", "yo"]).ToList();
            if (withFlatGroup)
            {
                episodes.AddRange(ToyTask.Rollouts(policy, 50, perGroup: 4, prompts: ["ok"]).Select(e => e with { Score = 1 }));
            }

            using var trainer = new GroupRelativeTrainer(policy, reference, new GroupRelativeOptions { LearningRate = 3e-3, Beta = 0.5, Epochs = 2, MiniBatchSize = 64, MaxApproxKl = 0 }, NullLogger.Instance);
            metrics = trainer.Step(episodes, CancellationToken.None);
            return ToyTask.Snapshot(policy);
        }

        var alone = After(withFlatGroup: false, out var aloneMetrics);
        var mixed = After(withFlatGroup: true, out var mixedMetrics);

        Assert.Equal(0.0, aloneMetrics["frac_reward_zero_std"]);
        Assert.Equal(1.0 / 3, mixedMetrics["frac_reward_zero_std"], 12);
        Assert.True(aloneMetrics["policy/updates"] == 2 && mixedMetrics["policy/updates"] == 2);
        Assert.True(ToyTask.MaxDifference(alone, mixed) < 1e-6, $"the flat group changed the update by {ToyTask.MaxDifference(alone, mixed)}");
    }

    [Fact]
    public void The_value_head_gets_no_gradient_and_no_value_loss_is_computed()
    {
        using var policy = new CausalTransformer(TinyPolicy.Config(seed: 6));
        using var reference = new CausalTransformer(TinyPolicy.Config(seed: 6));
        using (no_grad())
        {
            // A value head that is wrong everywhere would have a large gradient if anything asked it for a value.
            foreach (var (_, parameter) in policy.named_parameters().Where(p => p.name == "valueHead.bias"))
            {
                parameter.fill_(3.0);
            }
        }

        var before = ToyTask.Snapshot(policy);
        using var trainer = new GroupRelativeTrainer(policy, reference, new GroupRelativeOptions { LearningRate = 3e-3, Epochs = 1, MiniBatchSize = 64 }, NullLogger.Instance);

        var metrics = trainer.Step(ToyTask.Rollouts(policy, 0), CancellationToken.None);

        var gradients = policy.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad);
        Assert.All(gradients.Where(g => g.Key.StartsWith("valueHead.", StringComparison.Ordinal)), g => Assert.True(g.Value is null || g.Value.abs().max().item<float>() == 0, g.Key));
        Assert.True(gradients["wte.weight"] is { } trunk && trunk.abs().max().item<float>() > 0, "the trunk learns");
        var after = ToyTask.Snapshot(policy);
        Assert.Equal(before["valueHead.weight"], after["valueHead.weight"]);
        Assert.Equal(before["valueHead.bias"], after["valueHead.bias"]);
        Assert.NotEqual(before["wte.weight"], after["wte.weight"]);
        Assert.False(metrics.ContainsKey("loss/value_avg"));
        Assert.Equal(1.0, metrics["policy/updates"]);
    }

    [Fact]
    public void Beta_pulls_the_policy_towards_the_reference()
    {
        (Dictionary<string, float[]> Weights, double KlBefore, double KlAfter) Train(double beta)
        {
            using var policy = new CausalTransformer(TinyPolicy.Config(seed: 4));
            using var reference = ToyTask.DistantReference();
            using var trainer = new GroupRelativeTrainer(policy, reference, new GroupRelativeOptions { LearningRate = 3e-3, Beta = beta, MiniBatchSize = 16, MaxApproxKl = 0 }, NullLogger.Instance);
            var episodes = ToyTask.Rollouts(policy, 0);
            var first = trainer.Step(episodes, CancellationToken.None);
            var second = trainer.Step(episodes, CancellationToken.None);
            return (ToyTask.Snapshot(policy), first["kl"], second["kl"]);
        }

        var free = Train(beta: 0);
        var tied = Train(beta: 1);

        Assert.Equal(free.KlBefore, tied.KlBefore);
        Assert.True(ToyTask.MaxDifference(free.Weights, tied.Weights) > 1e-4, "β changes the update");
        Assert.True(tied.KlAfter < free.KlAfter && tied.KlAfter < tied.KlBefore, $"KL to the reference: β 0 {free.KlBefore:F4} → {free.KlAfter:F4}, β 1 {tied.KlBefore:F4} → {tied.KlAfter:F4}");
    }

    [Fact]
    public void The_loss_gives_tokens_outside_the_mask_no_gradient()
    {
        using var scope = NewDisposeScope();
        var logProbabilities = tensor(new float[] { -1.0f, -2.0f, -0.5f, -3.0f, -1.5f, -0.7f }, [2, 3]).requires_grad_(true);
        var old = tensor(new float[] { -1.2f, -1.0f, -0.6f, -2.0f, -1.4f, -0.9f }, [2, 3]);
        var reference = tensor(new float[] { -0.8f, -2.5f, -1.0f, -1.0f, -2.0f, -0.2f }, [2, 3]);
        var mask = tensor(new float[] { 0, 1, 1, 1, 0, 1 }, [2, 3]);
        var advantages = tensor(new float[] { 1.5f, -0.5f }, [2, 1]);

        var (loss, _) = GroupRelativeTrainer.Loss(logProbabilities, old, reference, advantages, mask, 4, new GroupRelativeOptions { Beta = 0.3 });
        loss.backward();

        var gradient = logProbabilities.grad!.data<float>().ToArray();
        var inMask = mask.data<float>().ToArray();
        for (var i = 0; i < gradient.Length; i++)
        {
            Assert.True(inMask[i] == 0 ? gradient[i] == 0 : gradient[i] != 0, $"token {i}: mask {inMask[i]}, gradient {gradient[i]}");
        }
    }

    [Fact]
    public void Tokens_the_policy_did_not_write_do_not_change_the_update()
    {
        // Each episode ends with tokens of another speaker; with them masked, which tokens they are cannot matter.
        var tails = new[] { new[] { 20, 21, 22, 23 }, new[] { 40, 31, 52, 63 } };

        Dictionary<string, float[]> After(int[] tail, bool tailIsPolicy)
        {
            using var policy = new CausalTransformer(TinyPolicy.Config(seed: 8));
            using var reference = ToyTask.DistantReference();
            var episodes = ToyTask.Rollouts(policy, 0, perGroup: 4, prompts: ["hi", "yo"])
                .Select(e => e with { Ids = [.. e.Ids, .. tail], PolicyMask = [.. e.PolicyMask, .. tail.Select(_ => tailIsPolicy)] })
                .ToList();
            using var trainer = new GroupRelativeTrainer(policy, reference, new GroupRelativeOptions { LearningRate = 3e-3, Beta = 0.5, Epochs = 1, MiniBatchSize = 64 }, NullLogger.Instance);
            trainer.Step(episodes, CancellationToken.None);
            return ToyTask.Snapshot(policy);
        }

        Assert.True(ToyTask.MaxDifference(After(tails[0], false), After(tails[1], false)) < 1e-6, "masked tokens changed the update");
        Assert.True(ToyTask.MaxDifference(After(tails[0], true), After(tails[1], true)) > 1e-4, "as actions the same tokens would change it");
    }

    [Fact]
    public void A_step_refuses_episodes_without_a_group_and_an_empty_batch()
    {
        var config = TinyPolicy.Config(seed: 2);
        using var policy = new CausalTransformer(config);
        using var reference = new CausalTransformer(config);
        using var trainer = new GroupRelativeTrainer(policy, reference, new GroupRelativeOptions(), NullLogger.Instance);
        var ungrouped = ToyTask.Rollouts(policy, 0, perGroup: 2, prompts: ["hi"]).Select(e => e with { Group = null }).ToList();

        Assert.Contains("has no group", Assert.Throws<ArgumentException>(() => trainer.Step(ungrouped, CancellationToken.None)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => trainer.Step([], CancellationToken.None));
        Assert.Equal(0, trainer.Steps);
    }
}
