using Sparring.Abstractions.Grading;

namespace Sparring.Engine.Grading;

/// <summary>The share of the scenario's required information the agent communicated (case-insensitive).</summary>
public sealed class OutputsGrader(string name) : IGrader
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var required = episode.Scenario.Expected.Outputs;
        if (required.Count == 0)
        {
            return Task.FromResult(new GraderResult(Name, GraderTypes.Outputs, 1, false, "the scenario requires no information"));
        }

        var missing = required.Where(o => !TextCheck.Said(episode.AgentTexts, o)).ToList();
        var score = (double)(required.Count - missing.Count) / required.Count;
        var reason = missing.Count == 0
            ? $"the agent communicated all {required.Count} required items"
            : $"the agent never said: {string.Join(", ", missing.Select(m => $"'{m}'"))}";
        return Task.FromResult(new GraderResult(Name, GraderTypes.Outputs, score, true, reason));
    }
}
