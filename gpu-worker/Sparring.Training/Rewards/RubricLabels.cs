namespace Sparring.Training.Rewards;

/// <summary>What graded trajectories teach a reward model: one llm_rubric grader's criteria and the judged conversations.</summary>
/// <param name="Grader">The llm_rubric grader's name.</param>
/// <param name="Criteria">Its criteria, in the order of each example's scores.</param>
/// <param name="Judge">The judge that scored them (kind:name), when the trajectories name one; several are joined with ", ".</param>
/// <param name="Environment">The environment (name@version) the trajectories came from; several are joined with ", ".</param>
/// <param name="Examples">The conversations the judge scored.</param>
/// <param name="Skipped">Trajectories left out: the grader skipped or unusable there, or scored by a reward model.</param>
public sealed record RubricLabels(string Grader, IReadOnlyList<string> Criteria, string? Judge, string? Environment, IReadOnlyList<RewardExample> Examples, int Skipped);
