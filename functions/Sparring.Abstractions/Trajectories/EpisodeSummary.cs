using System.Text.Json.Serialization;

namespace Sparring.Abstractions.Trajectories;

/// <summary>
/// The few numbers a run report needs from one episode (well under 1 KB), so orchestrations pass summaries and
/// never whole trajectories.
/// </summary>
public sealed record EpisodeSummary
{
    /// <summary>Episode id.</summary>
    public required string EpisodeId { get; init; }

    /// <summary>Scenario id.</summary>
    public required string ScenarioId { get; init; }

    /// <summary>The scenario template that generated the scenario; null (and not written) for a scenario written by hand.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Template { get; init; }

    /// <summary>The reward.</summary>
    public required double Reward { get; init; }

    /// <summary>Whether the reward reached the success threshold.</summary>
    public required bool Success { get; init; }

    /// <summary>Whether the agent transferred to a human.</summary>
    public required bool Transferred { get; init; }

    /// <summary>Why the episode ended (snake_case name).</summary>
    public required TerminationReason Termination { get; init; }

    /// <summary>Score of each applicable grader.</summary>
    public required IReadOnlyDictionary<string, double> Graders { get; init; }

    /// <summary>Names of graders that did not apply.</summary>
    public required IReadOnlyList<string> NotApplicable { get; init; }

    /// <summary>Tokens by participant.</summary>
    public required UsageSummary Usage { get; init; }

    /// <summary>Cost by participant.</summary>
    public required CostSummary Cost { get; init; }

    /// <summary>Latency of each policy call, in milliseconds.</summary>
    public required IReadOnlyList<double> PolicyLatenciesMs { get; init; }

    /// <summary>Episode duration in milliseconds.</summary>
    public required double DurationMs { get; init; }

    /// <summary>Why the episode failed, when it ended in an error or could not run at all.</summary>
    public string? Error { get; init; }

    /// <summary>The summary of an episode that could not run (its activity failed for good): reward 0, the reason kept.</summary>
    public static EpisodeSummary Failed(string episodeId, string scenarioId, string error) => new()
    {
        EpisodeId = episodeId,
        ScenarioId = scenarioId,
        Reward = 0,
        Success = false,
        Transferred = false,
        Termination = TerminationReason.Error,
        Graders = new Dictionary<string, double>(),
        NotApplicable = [],
        Usage = new UsageSummary(TokenCount.Zero, TokenCount.Zero, TokenCount.Zero, Estimated: false),
        Cost = new CostSummary(0, 0, 0),
        PolicyLatenciesMs = [],
        DurationMs = 0,
        Error = error,
    };

    /// <summary>The summary of a trajectory.</summary>
    public static EpisodeSummary From(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return new EpisodeSummary
        {
            EpisodeId = trajectory.EpisodeId,
            ScenarioId = trajectory.Scenario.Id,
            Template = trajectory.Scenario.Template,
            Reward = trajectory.Reward,
            Success = trajectory.Success,
            Transferred = trajectory.Transferred,
            Termination = trajectory.Termination.Reason,
            Graders = trajectory.Graders.Where(g => g.Applicable).ToDictionary(g => g.Name, g => g.Score, StringComparer.Ordinal),
            NotApplicable = [.. trajectory.Graders.Where(g => !g.Applicable).Select(g => g.Name)],
            Usage = trajectory.Usage,
            Cost = trajectory.Cost,
            PolicyLatenciesMs = [.. trajectory.Turns.Where(t => t.Role == "assistant").Select(t => t.LatencyMs)],
            DurationMs = trajectory.DurationMs,
            Error = trajectory.Termination.Reason == TerminationReason.Error ? trajectory.Termination.Detail : null,
        };
    }
}
