using Sparring.Abstractions.Grading;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Grading;

/// <summary>A contains or regex check on the agent's messages.</summary>
public sealed class TextCheckGrader(GraderSpec spec) : IGrader
{
    private readonly TextCheckSpec _check = spec.ToTextCheck();

    /// <inheritdoc />
    public string Name { get; } = spec.Name;

    /// <inheritdoc />
    public Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var (passed, reason) = TextCheck.Evaluate(_check, episode.AgentTexts);
        return Task.FromResult(new GraderResult(Name, spec.Type, passed ? 1 : 0, true, reason));
    }
}
