using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Sparring.Cli.Training;

/// <summary>The train report for people: a Markdown file beside the JSON, and tables on the console.</summary>
internal static class TrainReportText
{
    public static string Markdown(TrainReport report)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"# Training {report.TrainId}");
        text.AppendLine();
        text.AppendLine(culture, $"Environment `{report.Environment}`, preset `{report.Preset}`, policy of {report.ModelShape}, {Label(report)} on the `{report.TrainingReward}` training reward; {report.Seconds:0} s in all.");
        text.AppendLine();
        if (report.Sft is { } sft)
        {
            text.AppendLine(culture, $"SFT: {sft.Conversations} conversations, {sft.Steps} steps, {sft.Tokens:N0} tokens at {sft.TokensPerSecond:N0} tokens/s; loss {sft.FirstEpochLoss:0.000} → {sft.LastEpochLoss:0.000}, held out {sft.ValidationLoss:0.000}.");
            text.AppendLine();
        }

        text.AppendLine("| held-out evaluation | episodes | mean reward | success | containment |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, evaluation) in Evaluations(report))
        {
            text.AppendLine(culture, $"| {name} | {evaluation.Episodes} | {evaluation.MeanReward:0.000} | {evaluation.SuccessRate:P0} | {evaluation.ContainmentRate:P0} |");
        }

        text.AppendLine();
        text.AppendLine(culture, $"Reward curve ({Label(report)} rollouts on the training scenarios; KL and entropy summed over an episode's tokens):");
        text.AppendLine();
        text.AppendLine("| iteration | episodes | mean reward | training reward | groups with equal rewards | containment | KL | entropy | KL coef | clip frac | rollout s | update s |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var it in report.Iterations)
        {
            var zeroStd = it.ZeroStdGroupShare is { } share ? share.ToString("P0", culture) : "–";
            text.AppendLine(culture, $"| {it.Iteration} | {it.Episodes} | {it.MeanReward:0.000} | {it.TrainingReward:0.000} | {zeroStd} | {it.ContainmentRate:P0} | {it.Kl:0.00} | {it.Entropy:0.0} | {it.KlCoefficient:0.0000} | {it.ClipFraction:0.000} | {it.RolloutSeconds:0.0} | {it.UpdateSeconds:0.0} |");
        }

        text.AppendLine();
        text.AppendLine(culture, $"Checkpoints: {string.Join(", ", report.Checkpoints)}");
        return text.ToString();
    }

    public static void Print(IAnsiConsole console, TrainReport report)
    {
        var evaluations = new Table().AddColumns("held-out evaluation", "episodes", "mean reward", "success", "containment");
        foreach (var (name, evaluation) in Evaluations(report))
        {
            evaluations.AddRow(name, evaluation.Episodes.ToString(CultureInfo.InvariantCulture), evaluation.MeanReward.ToString("0.000", CultureInfo.InvariantCulture), evaluation.SuccessRate.ToString("P0", CultureInfo.InvariantCulture), evaluation.ContainmentRate.ToString("P0", CultureInfo.InvariantCulture));
        }

        console.Write(evaluations);
        var curve = new Table().AddColumns("iteration", "mean reward", "training reward", "containment", "KL", "entropy");
        foreach (var it in report.Iterations)
        {
            curve.AddRow(it.Iteration.ToString(CultureInfo.InvariantCulture), it.MeanReward.ToString("0.000", CultureInfo.InvariantCulture), it.TrainingReward.ToString("0.000", CultureInfo.InvariantCulture), it.ContainmentRate.ToString("P0", CultureInfo.InvariantCulture), it.Kl.ToString("0.00", CultureInfo.InvariantCulture), it.Entropy.ToString("0.0", CultureInfo.InvariantCulture));
        }

        console.Write(curve);
    }

    private static IEnumerable<(string Name, TrainEvaluation Evaluation)> Evaluations(TrainReport report)
    {
        if (report.SftEvaluation is { } sft)
        {
            yield return ($"SFT ({Millions(report.Parameters)})", sft);
        }

        if (report.RlEvaluation is { } rl)
        {
            yield return ($"SFT + {Label(report)} ({Millions(report.Parameters)})", rl);
        }

        if (report.Baseline is { } baseline)
        {
            yield return ($"SFT only, baseline ({Millions(baseline.Parameters)})", baseline.Evaluation);
        }
    }

    private static string Label(TrainReport report) => report.Algorithm.ToUpperInvariant();

    private static string Millions(long parameters) => (parameters / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M";
}
