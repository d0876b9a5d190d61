using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sparring.Engine.Telemetry;

/// <summary>
/// The engine's spans (episode, model call, tool call) and metrics (episodes, duration, reward, tokens, cost, tool
/// errors), on <see cref="System.Diagnostics"/> only: hosts choose the exporters by listening to <see cref="Name"/>.
/// </summary>
/// <remarks>
/// The source, meter and instruments are static readonly: that is the .NET idiom (they are thread-safe, meant to live
/// as long as the process, and hold no state of ours; listeners subscribe by name). With nobody listening, starting a
/// span returns null and recording a measurement returns at once.
/// </remarks>
public static class EngineTelemetry
{
    /// <summary>The name of the engine's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "Sparring.Engine";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    /// <summary>Episodes finished, by environment, termination and tenant; its rate is episodes per second.</summary>
    internal static readonly Counter<long> Episodes = Meter.CreateCounter<long>("sparring.episodes", "{episode}", "Episodes finished.");

    /// <summary>Episode wall time.</summary>
    internal static readonly Histogram<double> EpisodeDuration = Meter.CreateHistogram<double>(
        "sparring.episode.duration", "s", "Episode wall time.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });

    /// <summary>Episode rewards.</summary>
    internal static readonly Histogram<double> Reward = Meter.CreateHistogram<double>(
        "sparring.episode.reward", "1", "Episode reward.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] });

    /// <summary>Model tokens, by role (policy, user, judge) and type (input, output).</summary>
    internal static readonly Counter<long> Tokens = Meter.CreateCounter<long>("sparring.model.tokens", "{token}", "Model tokens, by role and type.");

    /// <summary>Model cost in US dollars, by role.</summary>
    internal static readonly Counter<double> Cost = Meter.CreateCounter<double>("sparring.model.cost", "USD", "Model cost in US dollars, by role.");

    /// <summary>Tool calls that were invalid or failed, by tool and outcome.</summary>
    internal static readonly Counter<long> ToolErrors = Meter.CreateCounter<long>("sparring.tool.errors", "{call}", "Tool calls that were invalid or failed.");
}
