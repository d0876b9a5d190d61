using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sparring.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Sparring.Training.Rewards;

/// <summary>
/// Distils an LLM judge into a reward model: mean squared error between the model's and the judge's score of each
/// criterion, on a seeded split of the judged conversations; the held-out part measures how closely they agree.
/// </summary>
public sealed class RewardModelTrainer(RewardModel model, RewardModelOptions options, ILogger<RewardModelTrainer> logger)
{
    /// <summary>
    /// A seeded split: round(count × <paramref name="holdout"/>) conversations held out (at least one when the share is
    /// positive and there are two or more), the rest to train on; both keep the input's order.
    /// </summary>
    public static (IReadOnlyList<RewardExample> Train, IReadOnlyList<RewardExample> HeldOut) Split(IReadOnlyList<RewardExample> examples, double holdout, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var count = examples.Count;
        var held = holdout <= 0 || count < 2 ? 0 : Math.Clamp((int)Math.Round(count * holdout), 1, count - 1);
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        var heldOut = order.Take(held).ToHashSet();
        return ([.. examples.Where((_, i) => !heldOut.Contains(i))], [.. examples.Where((_, i) => heldOut.Contains(i))]);
    }

    /// <summary>Trains on a seeded split of <paramref name="examples"/>, reporting each step, and measures agreement on the held-out part.</summary>
    /// <exception cref="ArgumentException">An example's scores do not fit the model's criteria; the message names the example.</exception>
    public RewardModelReport Train(IReadOnlyList<RewardExample> examples, IProgress<RewardModelProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options.Validate();
        Check(examples);
        var (trainSet, heldOut) = Split(examples, options.Holdout, options.Seed);
        if (trainSet.Count == 0)
        {
            throw new ArgumentException("reward model: no judged conversations to train on", nameof(examples));
        }

        var ids = trainSet.Select(example => model.Encode(example.Messages)).ToArray();
        var targets = trainSet.Select(example => example.Scores.Select(score => (float)score).ToArray()).ToArray();
        var stepsPerEpoch = (trainSet.Count + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = stepsPerEpoch * options.Epochs;
        var schedule = new LearningRateSchedule(options.LearningRate, Math.Min(options.WarmupSteps, totalSteps / 5 + 1), totalSteps, options.MinLearningRateFraction);
        var network = model.Network;
        using var optimizer = optim.AdamW(network.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, trainSet.Count).ToArray();
        var watch = Stopwatch.StartNew();
        var step = 0;
        double firstEpoch = 0, lastEpoch = 0;
        network.train();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double epochLoss = 0;
            foreach (var batch in order.Chunk(options.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var learningRate = schedule.At(step);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = learningRate;
                }

                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var predicted = model.Predict([.. batch.Select(i => ids[i])]);
                var target = tensor(batch.SelectMany(i => targets[i]).ToArray(), [batch.Length, model.Criteria.Count]).to(network.Device);
                var loss = nn.functional.mse_loss(predicted, target);
                loss.backward();
                nn.utils.clip_grad_norm_(network.parameters(), options.MaxGradNorm);
                optimizer.step();
                var value = loss.item<float>();
                epochLoss += value * batch.Length;
                step++;
                progress?.Report(new RewardModelProgress(step, totalSteps, epoch, value, learningRate));
            }

            epochLoss /= order.Length;
            if (epoch == 1)
            {
                firstEpoch = epochLoss;
            }

            lastEpoch = epochLoss;
            logger.LogInformation("Reward model epoch {Epoch}/{Epochs}: loss {Loss:F4}", epoch, options.Epochs, epochLoss);
        }

        var evaluation = Evaluate(heldOut);
        return new RewardModelReport
        {
            Grader = model.Config.Grader,
            Judge = model.Config.Judge,
            Criteria = evaluation.Criteria,
            Overall = evaluation.Overall,
            TrainExamples = trainSet.Count,
            HeldOutExamples = heldOut.Count,
            Holdout = options.Holdout,
            Seed = options.Seed,
            Epochs = options.Epochs,
            Steps = step,
            FirstEpochLoss = firstEpoch,
            LastEpochLoss = lastEpoch,
            HeldOutLoss = evaluation.Loss,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }

    /// <summary>How closely the model's scores of <paramref name="examples"/> agree with the judge's, without training.</summary>
    public RewardEvaluation Evaluate(IReadOnlyList<RewardExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        Check(examples);
        var predicted = model.ScoreEncoded([.. examples.Select(example => model.Encode(example.Messages))], options.BatchSize);
        var criteria = model.Criteria
            .Select((criterion, c) => CriterionAgreement.Of(criterion, [.. examples.Select(e => e.Scores[c])], [.. predicted.Select(p => p[c])]))
            .ToList();
        var overall = CriterionAgreement.Of("mean", [.. examples.Select(e => e.Scores.Average())], [.. predicted.Select(p => p.Average())]);
        double? loss = examples.Count == 0 ? null : examples.Select((e, i) => e.Scores.Select((s, c) => (s - predicted[i][c]) * (s - predicted[i][c])).Average()).Average();
        return new RewardEvaluation(criteria, overall, loss);
    }

    private void Check(IReadOnlyList<RewardExample> examples)
    {
        foreach (var example in examples)
        {
            if (example.Scores.Count != model.Criteria.Count)
            {
                throw new ArgumentException($"reward model: {example.Id} has {example.Scores.Count} scores, but the model scores {model.Criteria.Count} criteria ({string.Join(", ", model.Criteria)})", nameof(examples));
            }

            if (example.Scores.Any(score => !double.IsFinite(score) || score is < 0 or > 1))
            {
                throw new ArgumentException($"reward model: {example.Id} has a score outside [0, 1]: {string.Join(", ", example.Scores)}", nameof(examples));
            }
        }
    }
}
