using System.Globalization;
using Spectre.Console;
using Sparring.Abstractions.Reports;

namespace Sparring.Cli.Output;

/// <summary>Renders a run report as tables a person reads at a glance.</summary>
internal static class ReportTable
{
    public static void Print(IAnsiConsole console, RunReport report)
    {
        var summary = new Table().Title($"Run {Markup.Escape(report.RunId)}").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        Row(summary, "environment", $"{report.Environment} {report.EnvironmentVersion} ({report.EnvironmentHash[..12]})");
        Row(summary, "policy", report.Policy);
        Row(summary, "user", report.User);
        Row(summary, "judge", report.Judge ?? "none");
        Row(summary, "episodes", $"{report.Episodes} ({report.Scenarios} scenarios)");
        if (report.NotRun is { } notRun)
        {
            Row(summary, "status", $"{report.Status}: {notRun.Detail}");
        }

        Row(summary, "mean reward", F(report.MeanReward));
        Row(summary, "success rate", P(report.SuccessRate));
        foreach (var (k, value) in report.PassHatK)
        {
            Row(summary, $"pass^{k}", F(value));
        }

        Row(summary, "containment rate", P(report.ContainmentRate));
        Row(summary, "tokens", $"{report.Tokens.Total:N0} ({report.Tokens.MeanPerEpisode:N0}/episode{(report.Tokens.Estimated ? ", estimated" : string.Empty)})");
        Row(summary, "cost", $"${report.Cost.Total:0.0000} (${report.Cost.MeanPerEpisode:0.000000}/episode)");
        Row(summary, "policy latency p50 / p95", $"{report.Latency.TurnP50Ms:0.0} / {report.Latency.TurnP95Ms:0.0} ms");
        Row(summary, "episode duration p50 / p95", $"{report.Latency.EpisodeP50Ms:0.0} / {report.Latency.EpisodeP95Ms:0.0} ms");
        console.Write(summary);

        var graders = new Table().Title("Graders").AddColumn("grader").AddColumn(new TableColumn("mean").RightAligned()).AddColumn(new TableColumn("applied").RightAligned()).AddColumn(new TableColumn("n/a").RightAligned());
        foreach (var (name, grader) in report.Graders)
        {
            graders.AddRow(Markup.Escape(name), grader.Mean is { } mean ? F(mean) : "n/a", grader.Applicable.ToString(CultureInfo.InvariantCulture), grader.NotApplicable.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(graders);
        var terminations = new Table().Title("Terminations").AddColumn("reason").AddColumn(new TableColumn("episodes").RightAligned());
        foreach (var (reason, count) in report.Terminations)
        {
            terminations.AddRow(reason, count.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(terminations);
        if (report.Templates is { Count: > 0 } templates)
        {
            var table = new Table().Title("Templates").AddColumn("template").AddColumn(new TableColumn("scenarios").RightAligned())
                .AddColumn(new TableColumn("episodes").RightAligned()).AddColumn(new TableColumn("mean reward").RightAligned()).AddColumn(new TableColumn("success").RightAligned());
            foreach (var (name, template) in templates.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(name), template.Scenarios.ToString(CultureInfo.InvariantCulture), template.Episodes.ToString(CultureInfo.InvariantCulture), F(template.MeanReward), P(template.SuccessRate));
            }

            console.Write(table);
        }

        var worst = report.ScenarioMeanReward.Where(s => s.Value < 1).OrderBy(s => s.Value).Take(10).ToList();
        if (worst.Count > 0)
        {
            var table = new Table().Title("Lowest-scoring scenarios").AddColumn("scenario").AddColumn(new TableColumn("mean reward").RightAligned());
            foreach (var (scenario, reward) in worst)
            {
                table.AddRow(Markup.Escape(scenario), F(reward));
            }

            console.Write(table);
        }
    }

    private static void Row(Table table, string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string P(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);
}
