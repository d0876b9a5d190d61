using Sparring.Abstractions.Grading;

namespace Sparring.Engine.Grading;

/// <summary>1 when the final state's hash equals the gold replay's, as τ-bench compares databases; else 0.</summary>
public sealed class StateMatchGrader(string name) : IGrader
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var match = episode.FinalStateHash == episode.GoldStateHash;
        var reason = match
            ? "the final state equals the state after the gold actions"
            : $"the final state ({episode.FinalStateHash[..12]}…) differs from the state after the gold actions ({episode.GoldStateHash[..12]}…)";
        return Task.FromResult(new GraderResult(Name, GraderTypes.StateMatch, match ? 1 : 0, true, reason));
    }
}
