using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Grading;

/// <summary>
/// A cheap stand-in for the LLM judge on llm_rubric graders (a reward model distilled from the judge's scores): it reads
/// the conversation and scores each rubric criterion from 0 to 1. Implementations must accept concurrent calls.
/// </summary>
public interface IRubricScorer
{
    /// <summary>What scores, recorded as the trajectory's judge (kind reward-model, name folder@weights-hash).</summary>
    ModelIdentity Identity { get; }

    /// <summary>The criteria it scores, by name.</summary>
    IReadOnlyList<string> Criteria { get; }

    /// <summary>A score in [0, 1] for every criterion of <see cref="Criteria"/>, read from the conversation (OpenAI chat format).</summary>
    Task<IReadOnlyDictionary<string, double>> ScoreAsync(IReadOnlyList<ChatMessageRecord> messages, CancellationToken cancellationToken);
}
