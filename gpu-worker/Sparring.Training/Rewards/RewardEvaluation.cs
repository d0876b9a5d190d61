namespace Sparring.Training.Rewards;

/// <summary>A reward model's agreement with the judge on some conversations.</summary>
/// <param name="Criteria">Per criterion, in the order of the heads.</param>
/// <param name="Overall">On the mean over criteria.</param>
/// <param name="Loss">Mean squared error per criterion; null for no conversations.</param>
public sealed record RewardEvaluation(IReadOnlyList<CriterionAgreement> Criteria, CriterionAgreement Overall, double? Loss);
