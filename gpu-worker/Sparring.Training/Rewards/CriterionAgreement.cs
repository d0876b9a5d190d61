namespace Sparring.Training.Rewards;

/// <summary>How well the reward model agrees with the judge on one criterion over the held-out conversations; null where undefined.</summary>
/// <param name="Criterion">The criterion, or "mean" for the grader's score (the mean over criteria).</param>
/// <param name="Pearson">Pearson correlation with the judge.</param>
/// <param name="Spearman">Spearman (rank) correlation with the judge.</param>
/// <param name="MeanAbsoluteError">Mean absolute difference from the judge, on the 0–1 scale.</param>
/// <param name="JudgeMean">The judge's mean score.</param>
/// <param name="ModelMean">The model's mean score.</param>
public sealed record CriterionAgreement(string Criterion, double? Pearson, double? Spearman, double? MeanAbsoluteError, double? JudgeMean, double? ModelMean)
{
    /// <summary>Agreement of the model's scores with the judge's.</summary>
    public static CriterionAgreement Of(string criterion, IReadOnlyList<double> judge, IReadOnlyList<double> model) => new(
        criterion,
        Agreement.Pearson(judge, model),
        Agreement.Spearman(judge, model),
        Agreement.MeanAbsoluteError(judge, model),
        judge.Count > 0 ? judge.Average() : null,
        model.Count > 0 ? model.Average() : null);
}
