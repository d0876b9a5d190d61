using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sparring.Training.Data;
using Sparring.Training.Model;
using Sparring.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Sparring.Training.Sft;

/// <summary>Supervised fine-tuning: next-token cross-entropy on the assistant's tokens only.</summary>
public sealed class SftTrainer(CausalTransformer model, SftOptions options, ILogger<SftTrainer> logger)
{
    /// <summary>Trains on <paramref name="train"/>, reporting each step, and measures the loss on <paramref name="validation"/> at the end.</summary>
    public SftResult Train(IReadOnlyList<TokenizedExample> train, IReadOnlyList<TokenizedExample> validation, IProgress<SftProgress>? progress, CancellationToken cancellationToken) =>
        Train(train, validation, progress, 0, cancellationToken);

    /// <summary>
    /// The same, resuming an interrupted run after its first <paramref name="startStep"/> steps: the same shuffles and
    /// learning-rate schedule, so the remaining steps see the batches they would have seen; the optimizer's moments start afresh.
    /// </summary>
    public SftResult Train(IReadOnlyList<TokenizedExample> train, IReadOnlyList<TokenizedExample> validation, IProgress<SftProgress>? progress, int startStep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startStep);
        ArgumentNullException.ThrowIfNull(train);
        options.Validate();
        if (train.Count == 0)
        {
            throw new ArgumentException("sft: no training examples with assistant tokens", nameof(train));
        }

        var stepsPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = stepsPerEpoch * options.Epochs;
        var schedule = new LearningRateSchedule(options.LearningRate, Math.Min(options.WarmupSteps, totalSteps / 5 + 1), totalSteps, options.MinLearningRateFraction);
        using var optimizer = optim.AdamW(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var watch = Stopwatch.StartNew();
        long tokens = 0;
        var step = 0;
        double firstEpoch = 0, lastEpoch = 0;
        var trainedAny = false;
        model.train();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double epochLoss = 0;
            var epochExamples = 0;
            for (var first = 0; first < order.Length; first += options.BatchSize)
            {
                if (step < startStep)
                {
                    step++;
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.Skip(first).Take(options.BatchSize).Select(index => train[index]).ToList();
                var learningRate = schedule.At(step);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = learningRate;
                }

                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var loss = Loss(batch);
                loss.backward();
                nn.utils.clip_grad_norm_(model.parameters(), options.MaxGradNorm);
                optimizer.step();
                var value = loss.item<float>();
                epochLoss += value * batch.Count;
                epochExamples += batch.Count;
                tokens += batch.Sum(example => example.Ids.Length);
                step++;
                progress?.Report(new SftProgress(step, totalSteps, epoch, value, tokens / Math.Max(watch.Elapsed.TotalSeconds, 1e-9), learningRate));
            }

            if (epochExamples == 0)
            {
                continue;
            }

            epochLoss /= epochExamples;
            if (!trainedAny)
            {
                firstEpoch = epochLoss;
                trainedAny = true;
            }

            lastEpoch = epochLoss;
            logger.LogInformation("SFT epoch {Epoch}/{Epochs}: loss {Loss:F4}", epoch, options.Epochs, epochLoss);
        }

        double? validationLoss = validation.Count > 0 ? Evaluate(validation) : null;
        model.eval();
        return new SftResult(step, tokens, firstEpoch, lastEpoch, validationLoss, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Mean loss per assistant token over the examples, without training.</summary>
    public double Evaluate(IReadOnlyList<TokenizedExample> examples)
    {
        model.eval();
        using var noGrad = no_grad();
        double total = 0, count = 0;
        foreach (var batch in examples.Chunk(options.BatchSize))
        {
            using var scope = NewDisposeScope();
            var weight = batch.Sum(example => example.LossTokens);
            total += Loss(batch).item<float>() * weight;
            count += weight;
        }

        return count == 0 ? double.NaN : total / count;
    }

    private Tensor Loss(IReadOnlyList<TokenizedExample> batch)
    {
        var (ids, mask) = TokenBatch.Create(batch.Select(example => example.Ids).ToList(), batch.Select(example => example.LossMask).ToList(), model.Device);
        var logits = model.Logits(model.Hidden(ids));
        var logProbabilities = TokenBatch.NextTokenLogProbabilities(logits, ids);
        var targetMask = mask.narrow(1, 1, mask.shape[1] - 1);
        return -(logProbabilities * targetMask).sum() / targetMask.sum().clamp_min(1);
    }
}
