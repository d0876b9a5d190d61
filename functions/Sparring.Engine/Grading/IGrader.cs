using Sparring.Abstractions.Grading;

namespace Sparring.Engine.Grading;

/// <summary>Scores one aspect of an episode in [0, 1], with a reason. Graders are pure functions of the episode.</summary>
public interface IGrader
{
    /// <summary>The grader's name in the spec.</summary>
    string Name { get; }

    /// <summary>Scores the episode.</summary>
    Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken);
}
