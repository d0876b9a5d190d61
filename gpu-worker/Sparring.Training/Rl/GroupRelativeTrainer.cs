using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sparring.Engine.Telemetry;
using Sparring.Training.Model;
using Sparring.Training.Optimization;
using Sparring.Training.Ppo;
using Sparring.Training.Telemetry;
using static TorchSharp.torch;

namespace Sparring.Training.Rl;

/// <summary>
/// Critic-free RL over whole episodes (GRPO, RLOO): an episode's advantage is its score against the other episodes of
/// its group (<see cref="GroupAdvantages"/>), the same for each of its actions; the loss is the clipped surrogate over
/// the tokens the policy sampled plus β times the k3 KL to the frozen reference, every action of a minibatch weighing
/// the same. No value head: its parameters are not trained and no value is computed. Groups whose scores are all
/// equal are left out of the update. Logs TRL's GRPO metric names.
/// </summary>
public sealed class GroupRelativeTrainer : IRlTrainer
{
    private readonly CausalTransformer _policy;
    private readonly CausalTransformer _reference;
    private readonly GroupRelativeOptions _options;
    private readonly ILogger _logger;
    private readonly MinibatchUpdates _updates;
    private long _tokensSeen;

    /// <summary>A trainer that updates <paramref name="policy"/> (all but its value head) and never <paramref name="reference"/>.</summary>
    public GroupRelativeTrainer(CausalTransformer policy, CausalTransformer reference, GroupRelativeOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _policy = policy;
        _reference = reference;
        _options = options;
        _logger = logger;
        reference.FreezeAsReference();
        _updates = new MinibatchUpdates(policy, policy.PolicyParameters(), new MinibatchSettings(
            options.LearningRate, options.Epochs, options.MiniBatchSize, options.MicroBatchSize, options.MaxGradNorm, options.MaxApproxKl, options.Seed));
    }

    /// <inheritdoc />
    public RlAlgorithm Algorithm => _options.Algorithm;

    /// <inheritdoc />
    public int Steps { get; private set; }

    /// <summary>One step on a batch of episodes, each naming its group: advantages, then epochs of clipped updates. Returns the step's metrics.</summary>
    public IReadOnlyDictionary<string, double> Step(IReadOnlyList<PpoEpisode> episodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var name = RlAlgorithms.Name(_options.Algorithm);
        if (episodes.Count == 0)
        {
            throw new ArgumentException($"{name}: a step needs at least one episode", nameof(episodes));
        }

        using var activity = TrainingTelemetry.Source.StartActivity($"{name} step");
        activity?.SetTag(TelemetryTags.Step, Steps + 1);
        var watch = Stopwatch.StartNew();
        var advantages = GroupAdvantages.Compute(episodes, _options.Algorithm, _options.EffectiveScaling);
        var scores = RolloutScores.Compute(_policy, _reference, episodes, _options.MicroBatchSize, _options.Temperature, values: false, cancellationToken);
        var metrics = RolloutMetrics(episodes, scores, advantages);

        var rows = Enumerable.Range(0, episodes.Count).Where(row => advantages.Informative[row]).ToArray();
        double loss = 0, lowClipped = 0, highClipped = 0;
        long passTokens = 0;
        var totals = _updates.Run(
            rows,
            row => scores.Actions[row].Length,
            (micro, count) =>
            {
                var (ids, mask) = TokenBatch.Create(micro.Select(row => episodes[row].Ids).ToList(), micro.Select(row => episodes[row].PolicyMask).ToList(), _policy.Device);
                var width = (int)ids.shape[1] - 1;
                var actionMask = mask.narrow(1, 1, width);
                var old = TokenBatch.Rows(micro.Select(row => scores.OldLogProbabilities[row]).ToList(), width, _policy.Device);
                var reference = _options.Beta > 0 ? TokenBatch.Rows(micro.Select(row => scores.ReferenceLogProbabilities[row]).ToList(), width, _policy.Device) : null;
                var advantage = tensor(micro.Select(row => (float)advantages.Advantages[row]).ToArray(), [micro.Length, 1]).to(_policy.Device);
                var logits = PolicyDistribution.Tempered(_policy.Logits(_policy.Hidden(ids)), _options.Temperature);
                var logProbabilities = TokenBatch.NextTokenLogProbabilities(logits, ids);
                var (term, objective) = Loss(logProbabilities, old, reference, advantage, actionMask, count, _options);
                term.backward();
                passTokens += micro.Sum(row => (long)episodes[row].Ids.Length);

                using (no_grad())
                {
                    loss += term.item<float>();
                    var low = objective.Ratio.lt(1 - _options.ClipRange).logical_and(advantage.lt(0)).to(ScalarType.Float32);
                    var high = objective.Ratio.gt(1 + _options.EffectiveClipRangeHigh).logical_and(advantage.gt(0)).to(ScalarType.Float32);
                    lowClipped += ((low * actionMask).sum() / count).item<float>();
                    highClipped += ((high * actionMask).sum() / count).item<float>();
                    return objective.ApproximateKl(count).item<float>();
                }
            },
            cancellationToken);

        Steps++;
        var updates = totals.Updates;
        double PerUpdate(double sum) => updates == 0 ? 0 : sum / updates;
        var tokens = episodes.Sum(episode => (long)episode.Ids.Length);
        _tokensSeen += tokens;
        metrics["loss"] = PerUpdate(loss);
        metrics["clip_ratio/low_mean"] = PerUpdate(lowClipped);
        metrics["clip_ratio/high_mean"] = PerUpdate(highClipped);
        metrics["clip_ratio/region_mean"] = PerUpdate(lowClipped + highClipped);
        metrics["grad_norm"] = PerUpdate(totals.GradientNorm);
        metrics["policy/approxkl_avg"] = PerUpdate(totals.ApproximateKl);
        metrics["policy/updates"] = updates;
        metrics["beta"] = _options.Beta;
        metrics["learning_rate"] = _options.LearningRate;
        metrics["episodes"] = episodes.Count;
        metrics["tokens"] = tokens;
        metrics["num_tokens"] = _tokensSeen;
        // Scoring reads every token twice (policy and reference); each update pass reads its rows' tokens once more.
        metrics["tokens_per_second"] = (2 * tokens + passTokens) / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        metrics["time/step_seconds"] = watch.Elapsed.TotalSeconds;
        var algorithmTag = new KeyValuePair<string, object?>("sparring.rl.algorithm", name);
        TrainingTelemetry.PpoStepDuration.Record(metrics["time/step_seconds"], algorithmTag);
        TrainingTelemetry.PpoThroughput.Record(metrics["tokens_per_second"], algorithmTag);
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.Episodes, episodes.Count);
            activity.SetTag("sparring.rl.algorithm", name);
            activity.SetTag("sparring.rl.tokens", tokens);
            activity.SetTag("sparring.rl.kl", metrics["kl"]);
            activity.SetTag("sparring.rl.reward", metrics["reward"]);
            activity.SetTag("sparring.rl.frac_reward_zero_std", metrics["frac_reward_zero_std"]);
            activity.SetTag("sparring.rl.updates", updates);
        }

        _logger.LogInformation(
            "{Algorithm} step {Step}: reward {Reward:F3} (group std {Std:F3}, zero-std groups {ZeroStd:P0}), kl {Kl:F4}, entropy {Entropy:F2}, clip {Clip:F3}, {Updates} updates, {Seconds:F1} s",
            RlAlgorithms.Label(_options.Algorithm), Steps, metrics["reward"], metrics["reward_std"], metrics["frac_reward_zero_std"], metrics["kl"], metrics["entropy"], metrics["clip_ratio/region_mean"], updates, watch.Elapsed.TotalSeconds);
        return metrics;
    }

    /// <inheritdoc />
    public void Dispose() => _updates.Dispose();

    /// <summary>
    /// The loss of a micro-batch: the clipped surrogate of the log-probabilities (batch, time) against the rollout's,
    /// plus β times the k3 KL to the reference's (null when β is 0), summed over the mask's tokens and divided by
    /// <paramref name="count"/>, the actions of the whole minibatch. Tokens outside the mask get no gradient.
    /// </summary>
    internal static (Tensor Loss, ClippedObjective Objective) Loss(Tensor logProbabilities, Tensor oldLogProbabilities, Tensor? referenceLogProbabilities, Tensor advantages, Tensor mask, double count, GroupRelativeOptions options)
    {
        var objective = ClippedObjective.Of(logProbabilities, oldLogProbabilities, advantages, mask, options.ClipRange, options.EffectiveClipRangeHigh);
        var loss = objective.Loss(mask, count);
        if (options.Beta > 0 && referenceLogProbabilities is not null)
        {
            loss += options.Beta * ReferenceKl.K3(logProbabilities, referenceLogProbabilities, mask).sum() / count;
        }

        return (loss, objective);
    }

    // What the rollout says before any update: the scores and their groups, and the rollout policy's KL and entropy
    // over every action (per token, TRL's kl and entropy; per episode, PPO's objective/kl and objective/entropy).
    private static Dictionary<string, double> RolloutMetrics(IReadOnlyList<PpoEpisode> episodes, RolloutScores scores, GroupAdvantages advantages)
    {
        double k3 = 0, entropy = 0, klSums = 0;
        long actions = 0;
        for (var row = 0; row < episodes.Count; row++)
        {
            foreach (var t in scores.Actions[row])
            {
                var old = scores.OldLogProbabilities[row][t];
                var reference = scores.ReferenceLogProbabilities[row][t];
                k3 += ReferenceKl.K3(old, reference);
                klSums += old - reference;
                entropy += scores.Entropies[row][t];
                actions++;
            }
        }

        var lengths = scores.Actions.Select(a => a.Length).ToArray();
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["reward"] = episodes.Average(episode => episode.Score),
            ["reward_std"] = advantages.MeanGroupStandardDeviation,
            ["frac_reward_zero_std"] = advantages.ZeroVarianceGroups / (double)advantages.Groups,
            ["kl"] = k3 / Math.Max(1, actions),
            ["entropy"] = entropy / Math.Max(1, actions),
            ["objective/kl"] = klSums / episodes.Count,
            ["objective/entropy"] = entropy / episodes.Count,
            ["completions/mean_length"] = lengths.Average(),
            ["completions/min_length"] = lengths.Min(),
            ["completions/max_length"] = lengths.Max(),
        };
    }
}
