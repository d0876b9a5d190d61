using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sparring.Training.Telemetry;

/// <summary>
/// Training's spans (a training job, a PPO step) and metrics (PPO step time and tokens per second), on
/// <see cref="System.Diagnostics"/> only: hosts export them by listening to <see cref="Name"/>.
/// </summary>
/// <remarks>
/// The source, meter and instruments are static readonly, the .NET idiom: thread-safe, process-long, no state of ours.
/// </remarks>
public static class TrainingTelemetry
{
    /// <summary>The name of training's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "Sparring.Training";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    /// <summary>Wall time of one PPO step (scoring, then every epoch of updates).</summary>
    internal static readonly Histogram<double> PpoStepDuration = Meter.CreateHistogram<double>(
        "sparring.ppo.step.duration", "s", "Wall time of one PPO step.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });

    /// <summary>Tokens a PPO step processed per second (every forward and backward pass counted).</summary>
    internal static readonly Histogram<double> PpoThroughput = Meter.CreateHistogram<double>(
        "sparring.ppo.throughput", "{token}/s", "Tokens a PPO step processed per second.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 1_000_000] });
}
