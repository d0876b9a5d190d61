using System.Globalization;

namespace Sparring.Engine.Episodes;

/// <summary>One episode to run: which scenario, which repetition, and the seed that fixes its random choices.</summary>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="ScenarioId">The scenario to play.</param>
/// <param name="Repetition">0-based repetition of the scenario within the run.</param>
/// <param name="Seed">The episode's seed.</param>
public sealed record EpisodeRequest(string RunId, string ScenarioId, int Repetition, long Seed)
{
    /// <summary>A stable id: the same scenario and repetition always give the same id within a run.</summary>
    public string EpisodeId => IdOf(ScenarioId, Repetition);

    /// <summary>The tenant that owns the run, when the host knows one: it tags the episode's span, logs and metrics.</summary>
    public string? Tenant { get; init; }

    /// <summary>
    /// The id of repetition <paramref name="repetition"/> of scenario <paramref name="scenarioId"/>: "{scenarioId}.{repetition}".
    /// Hosts that plan episodes before running them (the run's "already stored?" check) name them with this too.
    /// </summary>
    public static string IdOf(string scenarioId, int repetition)
    {
        ArgumentNullException.ThrowIfNull(scenarioId);
        return string.Create(CultureInfo.InvariantCulture, $"{scenarioId}.{repetition}");
    }
}
