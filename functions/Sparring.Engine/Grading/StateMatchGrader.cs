using Sparring.Abstractions.Grading;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Grading;

/// <summary>
/// 1 when the final state's hash equals the gold replay's, as τ-bench compares databases; else 0. Not applicable to a
/// scenario derived from a transcript without gold actions: there, "no actions" means "unknown", not "change nothing".
/// </summary>
public sealed class StateMatchGrader(string name) : IGrader
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        if (episode.Scenario.Expected.Actions.Count == 0 && episode.Scenario.Tags.Contains(ScenarioTags.Transcript))
        {
            return Task.FromResult(new GraderResult(Name, GraderTypes.StateMatch, 1, false, "the scenario comes from a transcript, which gives no gold actions"));
        }

        var match = episode.FinalStateHash == episode.GoldStateHash;
        var reason = match
            ? "the final state equals the state after the gold actions"
            : $"the final state ({episode.FinalStateHash[..12]}…) differs from the state after the gold actions ({episode.GoldStateHash[..12]}…)";
        return Task.FromResult(new GraderResult(Name, GraderTypes.StateMatch, match ? 1 : 0, true, reason));
    }
}
