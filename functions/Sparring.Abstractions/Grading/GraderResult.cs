namespace Sparring.Abstractions.Grading;

/// <summary>A grader's verdict on one episode: a score in [0, 1] and the reason for it.</summary>
/// <param name="Name">The grader's name in the environment spec.</param>
/// <param name="Type">The grader's type (state_match, outputs, …).</param>
/// <param name="Score">Score in [0, 1]; 1 when the grader does not apply.</param>
/// <param name="Applicable">False when the grader has nothing to judge in this scenario; then it is left out of the reward.</param>
/// <param name="Reason">Why this score, in words a person can act on.</param>
/// <param name="Criteria">Per-criterion scores for graders that have several (LLM rubric).</param>
/// <param name="CostUsd">What the grader spent on model calls.</param>
public sealed record GraderResult(
    string Name,
    string Type,
    double Score,
    bool Applicable,
    string Reason,
    IReadOnlyDictionary<string, double>? Criteria = null,
    decimal CostUsd = 0m);
