using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sparring.Engine.Telemetry;
using Sparring.Training.Model;
using Sparring.Training.Optimization;
using Sparring.Training.Rl;
using Sparring.Training.Telemetry;
using static TorchSharp.torch;

namespace Sparring.Training.Ppo;

/// <summary>
/// PPO over whole episodes with the four roles of RLHF: the policy, a frozen reference whose per-token KL is
/// penalized, a value head on the policy's trunk, and the score (the environment's reward, which may include a reward
/// model). Only the policy's own tokens are actions; user and tool tokens are context. Scores go on the last action of
/// an episode, less a baseline (the other episodes of its scenario, or the batch) and scaled to unit variance;
/// advantages come from GAE over the actions and are whitened. Logs TRL's metric names.
/// </summary>
public sealed class PpoTrainer : IRlTrainer
{
    private readonly CausalTransformer _policy;
    private readonly CausalTransformer _reference;
    private readonly PpoOptions _options;
    private readonly ILogger _logger;
    private readonly MinibatchUpdates _updates;
    private readonly AdaptiveKlController _kl;
    private readonly RunningMoments _scores = new();

    /// <summary>A trainer that updates <paramref name="policy"/> and never <paramref name="reference"/>.</summary>
    public PpoTrainer(CausalTransformer policy, CausalTransformer reference, PpoOptions options, ILogger logger)
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
        _updates = new MinibatchUpdates(policy, policy.parameters(), new MinibatchSettings(
            options.LearningRate, options.Epochs, options.MiniBatchSize, options.MicroBatchSize, options.MaxGradNorm, options.MaxApproxKl, options.Seed));
        _kl = new AdaptiveKlController(options.InitialKlCoefficient, options.TargetKl, options.KlHorizon, options.AdaptiveKl);
    }

    /// <inheritdoc />
    public RlAlgorithm Algorithm => RlAlgorithm.Ppo;

    /// <summary>PPO steps done.</summary>
    public int Steps { get; private set; }

    /// <summary>The KL coefficient now.</summary>
    public double KlCoefficient => _kl.Value;

    /// <summary>One PPO step on a batch of episodes: scores, KL, GAE, then epochs of clipped updates. Returns the step's metrics.</summary>
    public IReadOnlyDictionary<string, double> Step(IReadOnlyList<PpoEpisode> episodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        if (episodes.Count == 0)
        {
            throw new ArgumentException("ppo: a step needs at least one episode", nameof(episodes));
        }

        using var activity = TrainingTelemetry.Source.StartActivity("ppo step");
        activity?.SetTag(TelemetryTags.Step, Steps + 1);
        var watch = Stopwatch.StartNew();
        var rollout = Score(episodes, cancellationToken);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var rows = episodes.Count;
        metrics["objective/kl"] = rollout.KlSums.Average();
        metrics["objective/entropy"] = rollout.EntropySums.Average();
        metrics["objective/non_score_reward"] = -_kl.Value * rollout.KlSums.Average();
        metrics["objective/scores"] = episodes.Average(episode => episode.Score);
        metrics["objective/rlhf_reward"] = metrics["objective/scores"] + metrics["objective/non_score_reward"];
        metrics["objective/kl_coef"] = _kl.Value;
        metrics["val/var_explained"] = ExplainedVariance(rollout);

        double policyLoss = 0, valueLoss = 0, clipFraction = 0, valueClipFraction = 0, entropy = 0;
        var totals = _updates.Run(
            Enumerable.Range(0, rows).ToArray(),
            row => rollout.Scores.Actions[row].Length,
            (micro, count) =>
            {
                var batch = BuildMinibatch(episodes, rollout, micro);
                var hidden = _policy.Hidden(batch.Ids);
                var logits = PolicyDistribution.Tempered(_policy.Logits(hidden), _options.Temperature);
                var time = batch.Ids.shape[1];
                var logProbabilities = TokenBatch.NextTokenLogProbabilities(logits, batch.Ids);
                var values = _policy.Values(_options.DetachValueHead ? hidden.detach() : hidden).narrow(1, 0, time - 1);
                var mask = batch.ActionMask;

                var clippedValues = batch.OldValues + (values - batch.OldValues).clamp(-_options.ClipRangeValue, _options.ClipRangeValue);
                var valueError = (values - batch.Returns).square();
                var clippedValueError = (clippedValues - batch.Returns).square();
                var valueTerm = 0.5 * (valueError.maximum(clippedValueError) * mask).sum() / count;

                var objective = ClippedObjective.Of(logProbabilities, batch.OldLogProbabilities, batch.Advantages, mask, _options.ClipRange, _options.ClipRange);
                var policyTerm = objective.Loss(mask, count);
                var loss = policyTerm + _options.ValueCoefficient * valueTerm;
                loss.backward();

                using (no_grad())
                {
                    policyLoss += policyTerm.item<float>();
                    valueLoss += valueTerm.item<float>();
                    clipFraction += ((objective.ClippedTokens * mask).sum() / count).item<float>();
                    valueClipFraction += ((clippedValueError.gt(valueError).to(ScalarType.Float32) * mask).sum() / count).item<float>();
                    entropy += ((PolicyDistribution.Entropy(logits.narrow(1, 0, time - 1)) * mask).sum() / count).item<float>();
                    return objective.ApproximateKl(count).item<float>();
                }
            },
            cancellationToken);

        var updates = totals.Updates;
        _kl.Update(metrics["objective/kl"], rows);
        Steps++;
        var tokens = episodes.Sum(episode => (long)episode.Ids.Length);
        metrics["loss/policy_avg"] = policyLoss / updates;
        metrics["loss/value_avg"] = valueLoss / updates;
        metrics["policy/approxkl_avg"] = totals.ApproximateKl / updates;
        metrics["policy/clipfrac_avg"] = clipFraction / updates;
        metrics["policy/entropy_avg"] = entropy / updates;
        metrics["policy/updates"] = updates;
        metrics["val/clipfrac_avg"] = valueClipFraction / updates;
        metrics["lr"] = _options.LearningRate;
        metrics["episodes"] = rows;
        metrics["tokens"] = tokens;
        metrics["tokens_per_second"] = tokens * (_options.Epochs + 2) / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
        metrics["time/step_seconds"] = watch.Elapsed.TotalSeconds;
        TrainingTelemetry.PpoStepDuration.Record(metrics["time/step_seconds"]);
        TrainingTelemetry.PpoThroughput.Record(metrics["tokens_per_second"]);
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.Episodes, rows);
            activity.SetTag("sparring.ppo.tokens", tokens);
            activity.SetTag("sparring.ppo.kl", metrics["objective/kl"]);
            activity.SetTag("sparring.ppo.score", metrics["objective/scores"]);
            activity.SetTag("sparring.ppo.updates", updates);
        }

        _logger.LogInformation(
            "PPO step {Step}: score {Score:F3}, kl {Kl:F3} (coef {Coef:F4}), entropy {Entropy:F1}, clipfrac {Clip:F3}, {Seconds:F1} s",
            Steps, metrics["objective/scores"], metrics["objective/kl"], metrics["objective/kl_coef"], metrics["objective/entropy"], metrics["policy/clipfrac_avg"], watch.Elapsed.TotalSeconds);
        return metrics;
    }

    /// <inheritdoc />
    public void Dispose() => _updates.Dispose();

    private Rollout Score(IReadOnlyList<PpoEpisode> episodes, CancellationToken cancellationToken)
    {
        var rows = episodes.Count;
        var rollout = new Rollout(RolloutScores.Compute(_policy, _reference, episodes, _options.MicroBatchSize, _options.Temperature, values: true, cancellationToken));
        var scores = rollout.Scores;
        var rawScores = episodes.Select(episode => episode.Score).ToList();
        _scores.Update(rawScores);
        var baselines = Baselines(episodes);
        var scale = _options.ScaleRewards ? Math.Max(_scores.StandardDeviation, 0.05) : 1.0;
        var allAdvantages = new List<double>();
        for (var row = 0; row < rows; row++)
        {
            var episode = episodes[row];
            var actions = scores.Actions[row];
            var rewards = new double[episode.Ids.Length - 1];
            double klSum = 0, entropySum = 0;
            foreach (var t in actions)
            {
                var kl = scores.OldLogProbabilities[row][t] - scores.ReferenceLogProbabilities[row][t];
                klSum += kl;
                entropySum += scores.Entropies[row][t];
                rewards[t] = -_kl.Value * kl;
            }

            var score = (_options.WhitenRewards ? episode.Score - baselines[row] : episode.Score) / scale;
            rewards[actions[^1]] += Math.Clamp(score, -_options.RewardClip, _options.RewardClip);
            rollout.KlSums[row] = klSum;
            rollout.EntropySums[row] = entropySum;

            var advantages = new float[rewards.Length];
            var returns = new float[rewards.Length];
            var values = scores.Values[row];
            double next = 0, running = 0;
            for (var k = actions.Length - 1; k >= 0; k--)
            {
                var t = actions[k];
                var delta = rewards[t] + _options.Gamma * next - values[t];
                running = delta + _options.Gamma * _options.Lambda * running;
                advantages[t] = (float)running;
                returns[t] = (float)(running + values[t]);
                next = values[t];
                allAdvantages.Add(running);
            }

            rollout.Advantages[row] = advantages;
            rollout.Returns[row] = returns;
        }

        var mean = allAdvantages.Average();
        var std = Math.Sqrt(allAdvantages.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, allAdvantages.Count - 1)) + 1e-8;
        for (var row = 0; row < rows; row++)
        {
            foreach (var t in scores.Actions[row])
            {
                rollout.Advantages[row][t] = (float)((rollout.Advantages[row][t] - mean) / std);
            }
        }

        return rollout;
    }

    private Minibatch BuildMinibatch(IReadOnlyList<PpoEpisode> episodes, Rollout rollout, int[] rows)
    {
        var (ids, mask) = TokenBatch.Create(rows.Select(row => episodes[row].Ids).ToList(), rows.Select(row => episodes[row].PolicyMask).ToList(), _policy.Device);
        var width = (int)ids.shape[1] - 1;
        Tensor Pack(float[][] of) => TokenBatch.Rows(rows.Select(row => of[row]).ToList(), width, _policy.Device);
        return new Minibatch(
            ids,
            mask.narrow(1, 1, width),
            Pack(rollout.Scores.OldLogProbabilities),
            Pack(rollout.Scores.Values),
            Pack(rollout.Advantages),
            Pack(rollout.Returns));
    }

    /// <summary>Per episode, what its score is compared with: the leave-one-out mean of its group, or the batch mean.</summary>
    private double[] Baselines(IReadOnlyList<PpoEpisode> episodes)
    {
        var batchMean = episodes.Average(episode => episode.Score);
        var baselines = new double[episodes.Count];
        Array.Fill(baselines, batchMean);
        if (!_options.GroupBaseline)
        {
            return baselines;
        }

        foreach (var group in Enumerable.Range(0, episodes.Count).Where(row => episodes[row].Group is not null).GroupBy(row => episodes[row].Group, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            if (rows.Length < 2)
            {
                continue;
            }

            var sum = rows.Sum(row => episodes[row].Score);
            foreach (var row in rows)
            {
                baselines[row] = (sum - episodes[row].Score) / (rows.Length - 1);
            }
        }

        return baselines;
    }

    private static double ExplainedVariance(Rollout rollout)
    {
        var returns = new List<double>();
        var residuals = new List<double>();
        for (var row = 0; row < rollout.Scores.Actions.Length; row++)
        {
            foreach (var t in rollout.Scores.Actions[row])
            {
                returns.Add(rollout.Returns[row][t]);
                residuals.Add(rollout.Returns[row][t] - rollout.Scores.Values[row][t]);
            }
        }

        var variance = Variance(returns);
        return variance == 0 ? 0 : 1 - Variance(residuals) / variance;
    }

    private static double Variance(List<double> values)
    {
        var mean = values.Average();
        return values.Sum(value => (value - mean) * (value - mean)) / Math.Max(1, values.Count);
    }

    private sealed class Rollout(RolloutScores scores)
    {
        public RolloutScores Scores { get; } = scores;
        public float[][] Advantages { get; } = new float[scores.Actions.Length][];
        public float[][] Returns { get; } = new float[scores.Actions.Length][];
        public double[] KlSums { get; } = new double[scores.Actions.Length];
        public double[] EntropySums { get; } = new double[scores.Actions.Length];
    }

    private sealed record Minibatch(Tensor Ids, Tensor ActionMask, Tensor OldLogProbabilities, Tensor OldValues, Tensor Advantages, Tensor Returns);
}
