using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Engine.Telemetry;
using Sparring.Training.Generation;
using Sparring.Training.Model;
using Sparring.Training.Ppo;
using Sparring.Training.Telemetry;

namespace Sparring.Training.Tests;

/// <summary>PPO on a toy task: the policy learns to write the rewarded tokens, while the reference stays put.</summary>
public sealed class PpoTests : IDisposable
{
    private const int NewTokens = 8;
    private readonly string _metrics = Path.Combine(Path.GetTempPath(), $"sparring-ppo-{Guid.NewGuid():N}.jsonl");

    // A tenth of the vocabulary is rewarded: an untrained policy writes them a tenth of the time.
    private static bool Rewarded(int id) => id % 10 == 3;

    [Fact]
    public async Task Ppo_raises_the_reward_of_a_toy_task_within_forty_steps_and_logs_trl_metrics()
    {
        var config = TinyPolicy.Config(seed: 3);
        using var policy = new CausalTransformer(config);
        using var reference = new CausalTransformer(config);
        using var trainer = new PpoTrainer(policy, reference, new PpoOptions { LearningRate = 3e-3, MiniBatchSize = 16, InitialKlCoefficient = 0.01 }, NullLogger.Instance);
        var prompt = TinyPolicy.Tokenizer.Encode("hi");
        var log = new MetricsLog(_metrics);

        var first = MeanReward(policy, prompt, seed: 1000);
        for (var step = 0; step < 40; step++)
        {
            var episodes = Rollouts(policy, prompt, step * 100).ToList();
            var metrics = trainer.Step(episodes, CancellationToken.None);
            await log.AppendAsync(step, metrics, CancellationToken.None);
        }

        var last = MeanReward(policy, prompt, seed: 1000);
        Assert.True(first < 0.2, $"untrained reward {first}");
        Assert.True(last > first + 0.3, $"reward {first:F3} → {last:F3}");
        Assert.True(MeanReward(reference, prompt, seed: 1000) < 0.2, "the reference must not learn");

        var lines = MetricsLog.Read(_metrics);
        Assert.Equal(40, lines.Count);
        foreach (var name in new[] { "objective/kl", "objective/entropy", "objective/rlhf_reward", "policy/approxkl_avg", "policy/clipfrac_avg", "loss/policy_avg", "loss/value_avg", "val/clipfrac_avg", "val/var_explained" })
        {
            Assert.All(lines, line => Assert.True(line.ContainsKey(name) && double.IsFinite(line[name]), name));
        }

        Assert.True(lines[^1]["objective/kl"] > lines[0]["objective/kl"], "the policy moves away from the reference");
    }

    [Fact]
    public void Only_the_policys_tokens_are_actions_and_scores_land_on_the_last()
    {
        var episode = PpoEpisode.From(TinyPolicy.Conversations[0], 1.0, TinyPolicy.Create().Template, new(), 96, 16)!;

        Assert.Equal(episode.Ids.Length, episode.PolicyMask.Length);
        var assistantText = TinyPolicy.Tokenizer.Decode(episode.Ids.Where((_, i) => episode.PolicyMask[i] && episode.Ids[i] >= 16).ToArray());
        Assert.Equal("Let me look up order #W2378156.You're welcome!", assistantText);
        Assert.Null(PpoEpisode.From([TinyPolicy.User("hello")], 1.0, TinyPolicy.Create().Template, new(), 96, 16));
    }

    [Fact]
    public void Turns_sampled_from_a_cut_prompt_are_context_not_actions_and_long_episodes_keep_their_beginning()
    {
        var template = TinyPolicy.Create().Template;
        var conversation = TinyPolicy.Conversations[0].Concat(TinyPolicy.Conversations[1]).Concat(TinyPolicy.Conversations[2]).ToList();
        var full = template.Render(conversation);
        var assistantStarts = full.Messages.Where(m => m.Role == "assistant").Select(m => m.ContentStart).ToList();
        const int context = 96, maxNew = 40;

        var episode = PpoEpisode.From(conversation, 1.0, template, new(), context, maxNew)!;

        Assert.Equal(full.Ids.Take(context), episode.Ids);
        var firstTurn = full.Messages.First(m => m.Role == "assistant");
        Assert.All(Enumerable.Range(firstTurn.ContentStart, firstTurn.End - firstTurn.ContentStart), i => Assert.True(episode.PolicyMask[i]));
        var cut = full.Messages.Where(m => m.Role == "assistant" && m.ContentStart > context - maxNew && m.ContentStart < context).ToList();
        Assert.NotEmpty(cut);
        Assert.All(cut, turn => Assert.All(Enumerable.Range(turn.ContentStart, Math.Min(turn.End, context) - turn.ContentStart), i => Assert.False(episode.PolicyMask[i])));
        Assert.True(assistantStarts.Count > 3);
    }

    [Fact]
    public void A_scenario_whose_episodes_all_score_alike_teaches_nothing_under_the_group_baseline()
    {
        // Every "easy" episode passes and every "hard" one fails: against the batch mean that reinforces whatever the
        // easy episodes said; against the other episodes of the same scenario it is no signal at all.
        var easy = TinyPolicy.Tokenizer.Encode("hi");
        var hard = TinyPolicy.Tokenizer.Encode("yo");
        var probe = easy.Concat(TinyPolicy.Tokenizer.Encode("thanks")).ToArray();

        double Moved(bool groupBaseline)
        {
            var config = TinyPolicy.Config(seed: 5);
            using var policy = new CausalTransformer(config);
            using var reference = new CausalTransformer(config);
            var episodes = Rollouts(policy, easy, 0).Select(e => e with { Score = 1, Group = "easy" })
                .Concat(Rollouts(policy, hard, 100).Select(e => e with { Score = 0, Group = "hard" }))
                .ToList();
            using var trainer = new PpoTrainer(policy, reference, new PpoOptions { LearningRate = 3e-3, MiniBatchSize = 16, GroupBaseline = groupBaseline }, NullLogger.Instance);
            var before = LogProbability(policy, probe);
            trainer.Step(episodes, CancellationToken.None);
            return Math.Abs(LogProbability(policy, probe) - before);
        }

        Assert.True(Moved(groupBaseline: false) > 1e-3, "against the batch mean the easy scenario's words are reinforced");
        Assert.True(Moved(groupBaseline: true) < 1e-6, "against its own scenario an always-passed scenario is no signal");
    }

    [Fact]
    public void A_step_is_a_span_and_records_its_time_and_tokens_per_second()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TrainingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var recorded = new ConcurrentQueue<(string Instrument, double Value)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TrainingTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => recorded.Enqueue((instrument.Name, value)));
        meters.Start();
        var config = TinyPolicy.Config(seed: 6);
        using var policy = new CausalTransformer(config);
        using var reference = new CausalTransformer(config);
        using var trainer = new PpoTrainer(policy, reference, new PpoOptions { Epochs = 1, MiniBatchSize = 32 }, NullLogger.Instance);

        var metrics = trainer.Step(Rollouts(policy, TinyPolicy.Tokenizer.Encode("hi"), 0).ToList(), CancellationToken.None);

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("sparring.ppo.kl"), metrics["objective/kl"]));
        Assert.Equal(("ppo step", 1), (span.OperationName, (int)span.GetTagItem(TelemetryTags.Step)!));
        Assert.Contains(("sparring.ppo.step.duration", metrics["time/step_seconds"]), recorded);
        Assert.Contains(("sparring.ppo.throughput", metrics["tokens_per_second"]), recorded);
    }

    [Fact]
    public void A_minibatch_split_into_micro_batches_makes_the_same_update_as_one_pass()
    {
        var prompt = TinyPolicy.Tokenizer.Encode("hi");
        var probe = prompt.Concat(TinyPolicy.Tokenizer.Encode("thanks")).ToArray();

        double After(int microBatchSize)
        {
            var config = TinyPolicy.Config(seed: 4);
            using var policy = new CausalTransformer(config);
            using var reference = new CausalTransformer(config);
            var episodes = Rollouts(policy, prompt, 0).ToList();
            using var trainer = new PpoTrainer(policy, reference, new PpoOptions { LearningRate = 3e-3, Epochs = 1, MiniBatchSize = 32, MicroBatchSize = microBatchSize }, NullLogger.Instance);
            var metrics = trainer.Step(episodes, CancellationToken.None);
            Assert.Equal(1, metrics["policy/updates"]);
            return LogProbability(policy, probe);
        }

        var whole = After(32);
        Assert.Equal(whole, After(5), 3);
    }

    [Fact]
    public void A_detached_value_head_learns_without_moving_the_policy()
    {
        var prompt = TinyPolicy.Tokenizer.Encode("hi");
        var probe = prompt.Concat(TinyPolicy.Tokenizer.Encode("thanks")).ToArray();

        (double PolicyMoved, double ValueLoss) Step(bool detach)
        {
            var config = TinyPolicy.Config(seed: 6);
            using var policy = new CausalTransformer(config);
            using var reference = new CausalTransformer(config);
            // A value head that is wrong everywhere: every episode below scores alike and with lambda 1 every advantage is
            // the same (whitened to 0), so only the value loss has a gradient.
            using (TorchSharp.torch.no_grad())
            {
                foreach (var (_, parameter) in policy.named_parameters().Where(p => p.name == "valueHead.bias"))
                {
                    parameter.fill_(3.0);
                }
            }

            var episodes = Rollouts(policy, prompt, 0).Select(e => e with { Score = 1, Group = "same" }).ToList();
            using var trainer = new PpoTrainer(policy, reference, new PpoOptions { LearningRate = 3e-3, Epochs = 2, MiniBatchSize = 32, DetachValueHead = detach, ValueCoefficient = 1, Lambda = 1 }, NullLogger.Instance);
            var before = LogProbability(policy, probe);
            var metrics = trainer.Step(episodes, CancellationToken.None);
            return (Math.Abs(LogProbability(policy, probe) - before), metrics["loss/value_avg"]);
        }

        var detached = Step(detach: true);
        var shared = Step(detach: false);

        Assert.True(detached.ValueLoss > 0.1 && shared.ValueLoss > 0.1, "the value head has something to learn");
        Assert.True(shared.PolicyMoved > 1e-3, $"through the shared trunk the value loss moves the policy ({shared.PolicyMoved})");
        Assert.True(detached.PolicyMoved < 1e-5, $"detached, it does not ({detached.PolicyMoved})");
    }

    [Fact]
    public void Log_probabilities_follow_the_rollout_temperature()
    {
        var config = TinyPolicy.Config(seed: 9);
        using var policy = new CausalTransformer(config);
        using var reference = new CausalTransformer(config);
        // An untrained policy is near uniform at any temperature; larger embeddings (tied to the output) make it peaked.
        using (TorchSharp.torch.no_grad())
        {
            foreach (var (name, parameter) in policy.named_parameters().Where(p => p.name == "wte.weight"))
            {
                parameter.mul_(50);
            }
        }

        var prompt = TinyPolicy.Tokenizer.Encode("hi");
        var episodes = Rollouts(policy, prompt, 0).ToList();

        double EntropyAt(double temperature)
        {
            using var trainer = new PpoTrainer(policy, reference, new PpoOptions { LearningRate = 1e-9, Epochs = 1, Temperature = temperature }, NullLogger.Instance);
            return trainer.Step(episodes, CancellationToken.None)["objective/entropy"];
        }

        // A sharper sampling distribution has less entropy per token: the metrics describe what was sampled from.
        Assert.True(EntropyAt(0.5) < EntropyAt(1.0) * 0.9, "entropy at temperature 0.5 must be well below that at 1");
        Assert.Throws<ArgumentException>(() => new PpoTrainer(policy, reference, new PpoOptions { Temperature = 0 }, NullLogger.Instance));
    }

    private static double LogProbability(CausalTransformer model, int[] ids)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var noGrad = TorchSharp.torch.no_grad();
        var input = TorchSharp.torch.tensor(ids, [1, ids.Length]);
        var logits = model.Logits(model.Hidden(input));
        var logProbabilities = TorchSharp.torch.nn.functional.log_softmax(logits, -1);
        double sum = 0;
        for (var t = 0; t + 1 < ids.Length; t++)
        {
            sum += logProbabilities[0, t, ids[t + 1]].item<float>();
        }

        return sum;
    }

    private static IEnumerable<PpoEpisode> Rollouts(CausalTransformer policy, int[] prompt, int seed)
    {
        var generator = new SequenceGenerator(policy, _ => false);
        var requests = Enumerable.Range(0, 32).Select(i => new GenerationRequest(prompt, NewTokens, 1f, 1f, seed + i)).ToList();
        foreach (var generated in generator.Generate(requests))
        {
            var ids = prompt.Concat(generated.Tokens).ToArray();
            var mask = ids.Select((_, i) => i >= prompt.Length).ToArray();
            yield return new PpoEpisode(ids, mask, generated.Tokens.Count(Rewarded) / (double)NewTokens);
        }
    }

    private static double MeanReward(CausalTransformer policy, int[] prompt, int seed) =>
        Rollouts(policy, prompt, seed).Average(episode => episode.Score);

    public void Dispose() => File.Delete(_metrics);
}
