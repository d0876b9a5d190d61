using Sparring.Abstractions.Grading;

namespace Sparring.Engine.Grading;

/// <summary>
/// The containment KPI per episode: 1 when the agent kept the conversation (no transfer), or transferred where the
/// scenario expects a transfer; 0 for a needless transfer or a missing one.
/// </summary>
public sealed class ContainmentGrader(string name) : IGrader
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var expected = episode.Scenario.Expected.Transfer;
        var (score, reason) = (expected, episode.Transferred) switch
        {
            (false, false) => (1, "resolved without a transfer to a human"),
            (false, true) => (0, "transferred to a human although the scenario can be resolved by the agent"),
            (true, true) => (1, "transferred to a human, as the scenario requires"),
            (true, false) => (0, "did not transfer to a human, although the scenario requires it"),
        };
        return Task.FromResult(new GraderResult(Name, GraderTypes.Containment, score, true, reason));
    }
}
