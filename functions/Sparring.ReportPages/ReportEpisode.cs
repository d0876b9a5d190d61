using Sparring.Abstractions.Grading;
using Sparring.Abstractions.Trajectories;

namespace Sparring.ReportPages;

/// <summary>
/// One episode as the report page shows it: the row of the episode table, and its conversation when it fit in the page.
/// Leaves out what a reader does not look at (per-turn token ids, seeds of the user) to keep a 500-episode page small.
/// </summary>
/// <param name="Id">Episode id.</param>
/// <param name="Scenario">Scenario id.</param>
/// <param name="Split">train or test.</param>
/// <param name="Repetition">Repetition of the scenario within the run.</param>
/// <param name="Reward">The reward.</param>
/// <param name="Success">Whether the reward reached the success threshold.</param>
/// <param name="Transferred">Whether the agent handed over to a human.</param>
/// <param name="Termination">Why the episode ended.</param>
/// <param name="TerminationDetail">The termination's detail, when there is one.</param>
/// <param name="DurationMs">Wall-clock duration.</param>
/// <param name="Tokens">All tokens of the episode.</param>
/// <param name="CostUsd">Total cost in US dollars.</param>
/// <param name="FinalStateHash">SHA-256 of the final state.</param>
/// <param name="GoldStateHash">SHA-256 of the state the scenario's gold actions give.</param>
/// <param name="Graders">Every grader's score and reason.</param>
/// <param name="Messages">The conversation; null when it was left out of the page for size.</param>
/// <param name="ToolCalls">The tool calls with their outcome; null when left out with the conversation.</param>
public sealed record ReportEpisode(
    string Id,
    string Scenario,
    string Split,
    int Repetition,
    double Reward,
    bool Success,
    bool Transferred,
    TerminationReason Termination,
    string? TerminationDetail,
    double DurationMs,
    long Tokens,
    decimal CostUsd,
    string FinalStateHash,
    string GoldStateHash,
    IReadOnlyList<GraderResult> Graders,
    IReadOnlyList<ChatMessageRecord>? Messages,
    IReadOnlyList<ToolCallRecord>? ToolCalls)
{
    /// <summary>The page's view of a trajectory, with or without its conversation.</summary>
    public static ReportEpisode From(Trajectory trajectory, bool withConversation)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        return new ReportEpisode(
            trajectory.EpisodeId,
            trajectory.Scenario.Id,
            trajectory.Scenario.Split,
            trajectory.Repetition,
            trajectory.Reward,
            trajectory.Success,
            trajectory.Transferred,
            trajectory.Termination.Reason,
            trajectory.Termination.Detail,
            trajectory.DurationMs,
            trajectory.Usage.TotalTokens,
            trajectory.Cost.Total,
            trajectory.FinalStateHash,
            trajectory.GoldStateHash,
            trajectory.Graders,
            withConversation ? trajectory.Messages : null,
            withConversation ? trajectory.ToolCalls : null);
    }
}
