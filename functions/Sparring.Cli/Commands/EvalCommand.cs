using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Storage;
using Sparring.Cli.Output;
using Sparring.Cli.ReportPages;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Runs;
using Sparring.Models;
using Sparring.Orchestration.Telemetry;

using Sparring.ReportPages;

namespace Sparring.Cli.Commands;

/// <summary>sparring eval &lt;env&gt;: runs episodes locally, writes trajectories.jsonl and report.json, prints the report.</summary>
internal static class EvalCommand
{
    public static Command Create(IAnsiConsole console, EnvironmentLoader loader, IModelCatalog models, ILoggerFactory logging)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder or spec file." };
        var policy = new Option<string>("--policy") { Description = $"{string.Join(", ", ModelNames.PolicyForms)} or checkpoint:<folder> (a trained checkpoint).", DefaultValueFactory = _ => ModelNames.Reference };
        var user = new Option<string>("--user") { Description = $"{ModelNames.Describe(ModelNames.UserForms)} (llm: the model of Sparring__User__Model).", DefaultValueFactory = _ => ModelNames.Scripted };
        var judge = new Option<string?>("--judge") { Description = $"{ModelNames.Describe(ModelNames.JudgeForms(rewardModels: true))} (rubrics scored by a reward model); default Sparring__Judge__Model when set." };
        var episodes = new Option<int>("--episodes-per-scenario", "-k") { Description = "Episodes per scenario (pass^k is reported up to this k).", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency", "-n") { Description = "Episodes run at once.", DefaultValueFactory = _ => 4 };
        var split = new Option<string>("--split") { Description = "train, test or all.", DefaultValueFactory = _ => "all" };
        split.AcceptOnlyFromAmong("train", "test", "all");
        var seed = new Option<long>("--seed") { Description = "Run seed: the same seed gives the same episodes.", DefaultValueFactory = _ => 0 };
        var scenarios = new Option<string[]>("--scenario") { Description = "Only these scenario ids (repeatable).", AllowMultipleArgumentsPerToken = true };
        var runId = new Option<string?>("--run-id") { Description = "Run id; default <env>-<UTC timestamp>." };
        var output = new Option<string?>("--out") { Description = "Output folder; default runs/<run-id>." };

        var command = new Command("eval", "Run episodes of an environment locally and score them.")
        {
            environment, policy, user, judge, episodes, concurrency, split, seed, scenarios, runId, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await loader.LoadAsync(parse.GetRequiredValue(environment), cancellationToken).ConfigureAwait(false);
            var policyModel = models.Policy(parse.GetRequiredValue(policy), loaded);
            var userFactory = models.Users(parse.GetRequiredValue(user));
            var judgeModel = models.Judge(parse.GetValue(judge));
            var rubricScorer = models.RubricScorer(parse.GetValue(judge));
            var id = parse.GetValue(runId) ?? $"{loaded.Spec.Name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            var folder = parse.GetValue(output) ?? Path.Combine("runs", id);
            var chosenSplit = parse.GetRequiredValue(split);
            var chosenScenarios = parse.GetValue(scenarios) is { Length: > 0 } ids ? ids : null;

            IReadOnlyList<EpisodeRequest> plan;
            try
            {
                plan = EvaluationPlan.Create(loaded, id, parse.GetRequiredValue(episodes), parse.GetRequiredValue(seed), chosenSplit == "all" ? null : chosenSplit, chosenScenarios);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter")[0]);
            }

            EpisodeGrader grader;
            try
            {
                grader = new EpisodeGrader(loaded.Spec, judgeModel, rubricScorer);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter")[0]);
            }

            Directory.CreateDirectory(folder);
            using var span = OrchestrationTelemetry.StartRun("eval", new RunKey("local", id), loaded.Spec.Name);
            var runner = new EpisodeRunner(loaded, policyModel, userFactory, grader, TimeProvider.System, logging.CreateLogger<EpisodeRunner>());
            var evaluation = new EvaluationRunner(runner, logging.CreateLogger<EvaluationRunner>());
            console.MarkupLine($"Running {plan.Count} episodes of [bold]{Markup.Escape(loaded.Spec.Name)}[/] with {Markup.Escape(policyModel.Identity.ToString())}, user {Markup.Escape(userFactory.Identity.ToString())}, {parse.GetRequiredValue(concurrency)} at a time");

            await using var writer = new JsonlTrajectoryWriter(Path.Combine(folder, RunFiles.Trajectories), plan.Select(p => p.EpisodeId));
            var report = await ProgressDisplay.ShowAsync<RunProgress, Abstractions.Reports.RunReport>(console, p => (p.Done, p.Total, $"mean reward {p.MeanReward:0.000}, failed {p.Failed}"), progress => evaluation.RunAsync(id, loaded, plan, parse.GetRequiredValue(concurrency), writer, progress, cancellationToken)).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);

            var reportPath = Path.Combine(folder, RunFiles.Report);
            await File.WriteAllTextAsync(reportPath + ".partial", JsonSerializer.Serialize(report, SparringJsonContext.Indented.RunReport), cancellationToken).ConfigureAwait(false);
            File.Move(reportPath + ".partial", reportPath, overwrite: true);
            await ReportPageFile.WriteAsync(Path.Combine(folder, RunFiles.Page), RunReportPage.RenderUtf8(await EvalFolderReport.LoadAsync(folder, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
            ReportTable.Print(console, report);
            console.WriteLine($"Trajectories, {RunFiles.Report} and {RunFiles.Page} written to {folder}");
            return 0;
        });
        return command;
    }
}
