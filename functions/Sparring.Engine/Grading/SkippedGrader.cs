using Sparring.Abstractions.Grading;

namespace Sparring.Engine.Grading;

/// <summary>A grader that cannot run in this setup (an llm_rubric without a judge): not applicable, with the reason.</summary>
public sealed class SkippedGrader(string name, string type, string reason) : IGrader
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken) =>
        Task.FromResult(new GraderResult(Name, type, 1, false, $"skipped: {reason}"));
}
