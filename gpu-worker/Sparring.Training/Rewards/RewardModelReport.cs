using System.Globalization;
using System.Text;
using System.Text.Json;
using Sparring.Training.Checkpoints;

namespace Sparring.Training.Rewards;

/// <summary>report.json of a reward model: how it was trained and how closely it agrees with the judge on held-out trajectories.</summary>
public sealed record RewardModelReport
{
    /// <summary>The llm_rubric grader it distils.</summary>
    public required string Grader { get; init; }

    /// <summary>The judge it learned from (kind:name), when known.</summary>
    public string? Judge { get; init; }

    /// <summary>Agreement per criterion, in the order of the heads.</summary>
    public required IReadOnlyList<CriterionAgreement> Criteria { get; init; }

    /// <summary>Agreement on the grader's score, the mean over criteria (what the reward formula weighs).</summary>
    public required CriterionAgreement Overall { get; init; }

    /// <summary>Conversations trained on.</summary>
    public required int TrainExamples { get; init; }

    /// <summary>Conversations held out.</summary>
    public required int HeldOutExamples { get; init; }

    /// <summary>Share held out, as asked.</summary>
    public required double Holdout { get; init; }

    /// <summary>Seed of the split and the shuffling.</summary>
    public required int Seed { get; init; }

    /// <summary>Passes over the training conversations.</summary>
    public required int Epochs { get; init; }

    /// <summary>Optimizer steps.</summary>
    public required int Steps { get; init; }

    /// <summary>Mean squared error per criterion over the first epoch.</summary>
    public required double FirstEpochLoss { get; init; }

    /// <summary>Mean squared error per criterion over the last epoch.</summary>
    public required double LastEpochLoss { get; init; }

    /// <summary>Mean squared error per criterion on the held-out conversations; null when none were held out.</summary>
    public double? HeldOutLoss { get; init; }

    /// <summary>Wall time of training, in seconds.</summary>
    public required double Seconds { get; init; }

    /// <summary>The agreement as a plain-text table, one row per criterion and one for the mean.</summary>
    public string ToTable()
    {
        var rows = Criteria.Append(Overall).Select(c => new[] { c.Criterion, F(c.Pearson), F(c.Spearman), F(c.MeanAbsoluteError), F(c.JudgeMean), F(c.ModelMean) }).ToList();
        string[] header = ["criterion", "pearson", "spearman", "mae", "judge mean", "model mean"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Reward model for '{Grader}'{(Judge is null ? string.Empty : $" (judge {Judge})")}: agreement with the judge on {HeldOutExamples} held-out trajectories, trained on {TrainExamples}");
        foreach (var row in rows.Prepend(header))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }

        return text.ToString();
    }

    /// <summary>Reads a report.json.</summary>
    /// <exception cref="CheckpointMismatchException">The file is missing or malformed; the message names it.</exception>
    public static RewardModelReport Load(string path) => CheckpointFiles.ReadJson(path, RewardJsonContext.Default.RewardModelReport);

    /// <summary>The report as report.json writes it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RewardJsonContext.Default.RewardModelReport);

    private static string F(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
