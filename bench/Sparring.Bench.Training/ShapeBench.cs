using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Training.Generation;
using Sparring.Training.Model;
using Sparring.Training.Ppo;
using Sparring.Training.Sft;
using TorchSharp;
using static TorchSharp.torch;

using Sparring.Training.Presets;

namespace Sparring.Bench.Training;

/// <summary>
/// Measures one shape on one device: generation with and without the KV cache, an SFT step, a PPO step, and the
/// memory each of them peaks at. Every measurement starts from freshly initialised weights (fixed seed), runs a
/// warm-up first (the first calls pay for kernel selection, allocator growth and the JIT), and is timed to the end of
/// the device's work.
/// </summary>
internal sealed class ShapeBench(TrainPreset shape, Device device, BenchSizes sizes, int seed, PeakWorkingSet peak)
{
    private readonly string _device = device.type == DeviceType.CUDA ? "cuda" : "cpu";
    private readonly long _parameters = shape.Model.ParameterCount;

    /// <summary>Runs the measurements, handing over each row as soon as it is measured.</summary>
    public IEnumerable<Measurement> Run(CancellationToken cancellationToken)
    {
        foreach (var row in Generation(cancellationToken))
        {
            yield return row;
        }

        foreach (var row in Sft(cancellationToken))
        {
            yield return row;
        }

        foreach (var row in Ppo(cancellationToken))
        {
            yield return row;
        }
    }

    private IEnumerable<Measurement> Generation(CancellationToken cancellationToken)
    {
        peak.Reset();
        using var model = NewModel();
        model.eval();
        var generator = new SequenceGenerator(model, _ => false);
        var data = new SyntheticData(shape.Model.VocabularySize, seed);
        var note = $"{sizes.PromptTokens}-token prompts, {sizes.NewTokens} new tokens";
        foreach (var batch in sizes.GenerationBatches)
        {
            var requests = data.Prompts(batch, sizes.PromptTokens, sizes.NewTokens);
            var noCache = $"generation batch {batch}, no cache";
            foreach (var useCache in new[] { false, true })
            {
                generator.Generate(requests.Select(request => request with { MaxNewTokens = 2 }).ToList(), useCache, cancellationToken);
                Synchronize();
                var watch = Stopwatch.StartNew();
                var generated = generator.Generate(requests, useCache, cancellationToken).Sum(sequence => sequence.Tokens.Length);
                Synchronize();
                var tokensPerSecond = generated / watch.Elapsed.TotalSeconds;
                yield return useCache
                    ? Row($"generation batch {batch}, KV cache", MeasurementKind.TokensPerSecond, tokensPerSecond, noCache, "no cache", note)
                    : Row(noCache, MeasurementKind.TokensPerSecond, tokensPerSecond, note: note);
            }
        }

        foreach (var row in Memory("generation"))
        {
            yield return row;
        }
    }

    private IEnumerable<Measurement> Sft(CancellationToken cancellationToken)
    {
        peak.Reset();
        using var model = NewModel();
        var data = new SyntheticData(shape.Model.VocabularySize, seed + 1);
        var options = new SftOptions { Epochs = 1, BatchSize = sizes.SftBatch, LearningRate = 1e-3, WarmupSteps = 1, Seed = seed };
        var trainer = new SftTrainer(model, options, NullLogger<SftTrainer>.Instance);
        trainer.Train(data.SftExamples(sizes.SftBatch, sizes.SftTokens), [], null, cancellationToken);
        Synchronize();
        var examples = data.SftExamples(sizes.SftBatch * sizes.SftSteps, sizes.SftTokens);
        var watch = Stopwatch.StartNew();
        var result = trainer.Train(examples, [], null, cancellationToken);
        Synchronize();
        yield return Row($"SFT batch {sizes.SftBatch} × {sizes.SftTokens}", MeasurementKind.TokensPerSecond, result.Tokens / watch.Elapsed.TotalSeconds,
            note: $"{result.Steps} steps, AdamW, loss on ~30 % of tokens");
        foreach (var row in Memory("SFT"))
        {
            yield return row;
        }
    }

    private IEnumerable<Measurement> Ppo(CancellationToken cancellationToken)
    {
        peak.Reset();
        using var policy = NewModel();
        using var reference = NewModel();
        var data = new SyntheticData(shape.Model.VocabularySize, seed + 2);
        using var trainer = new PpoTrainer(policy, reference, shape.Ppo with { Seed = seed, MaxApproxKl = 0 }, NullLogger.Instance);
        trainer.Step(data.Episodes(shape.Ppo.MiniBatchSize, sizes.EpisodeTokens), cancellationToken);
        Synchronize();
        var episodes = Enumerable.Range(0, sizes.PpoSteps).Select(_ => data.Episodes(sizes.PpoEpisodes, sizes.EpisodeTokens)).ToList();
        var tokens = episodes.Sum(batch => batch.Sum(episode => (long)episode.Ids.Length));
        var policyTokens = episodes.Sum(batch => batch.Sum(episode => (long)episode.PolicyMask.Count(m => m)));
        var watch = Stopwatch.StartNew();
        foreach (var batch in episodes)
        {
            trainer.Step(batch, cancellationToken);
        }

        Synchronize();
        var seconds = watch.Elapsed.TotalSeconds / sizes.PpoSteps;
        var name = $"PPO step, {sizes.PpoEpisodes} episodes";
        var note = $"~{sizes.EpisodeTokens} tokens, {100.0 * policyTokens / tokens:0} % policy, {shape.Ppo.Epochs} epochs of minibatch {shape.Ppo.MiniBatchSize}";
        yield return Row(name, MeasurementKind.TokensPerSecond, tokens / watch.Elapsed.TotalSeconds, note: $"episode tokens / step time; {note}");
        yield return Row($"{name}: seconds per step", MeasurementKind.Seconds, seconds);
        foreach (var row in Memory("PPO"))
        {
            yield return row;
        }
    }

    private IEnumerable<Measurement> Memory(string phase)
    {
        yield return Row($"peak working set, {phase}", MeasurementKind.Bytes, PeakWorkingSet.PeakBytes(),
            note: peak.PerMeasurement ? "peak since the phase began" : "process peak so far: the peak could not be reset");
        if (device.type == DeviceType.CUDA)
        {
            var (bytes, error) = CudaMemory.InUse();
            if (bytes is { } inUse)
            {
                yield return Row($"CUDA memory in use after {phase}", MeasurementKind.Bytes, inUse, note: "device total − free: context + caching allocator's high-water mark so far");
            }
            else
            {
                Console.Error.WriteLine($"CUDA memory after {phase}: not measured: {error}");
            }
        }
    }

    private CausalTransformer NewModel()
    {
        var model = new CausalTransformer(shape.Model with { InitSeed = seed });
        model.to(device);
        return model;
    }

    private void Synchronize()
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
        }
    }

    private Measurement Row(string name, MeasurementKind kind, double value, string? against = null, string? againstLabel = null, string? note = null) =>
        new(shape.Name, _parameters, _device, name, kind, value, against, againstLabel, note);
}
