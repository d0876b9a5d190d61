using Sparring.Abstractions.Grading;

namespace Sparring.Engine.Grading;

/// <summary>The share of tool calls that named an offered tool with arguments matching its schema.</summary>
public sealed class ToolValidityGrader(string name) : IGrader
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var calls = episode.ToolCalls;
        if (calls.Count == 0)
        {
            return Task.FromResult(new GraderResult(Name, GraderTypes.ToolValidity, 1, true, "no tool calls"));
        }

        var invalid = calls.Where(c => !c.Valid).ToList();
        var score = (double)(calls.Count - invalid.Count) / calls.Count;
        var reason = invalid.Count == 0
            ? $"all {calls.Count} tool calls were valid"
            : $"{invalid.Count} of {calls.Count} tool calls were invalid, first: {invalid[0].Name}: {invalid[0].Error}";
        return Task.FromResult(new GraderResult(Name, GraderTypes.ToolValidity, score, true, reason));
    }
}
