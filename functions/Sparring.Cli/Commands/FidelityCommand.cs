using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Models;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Fidelity;
using Sparring.Transcripts.Ingest;
using Sparring.Transcripts.Json;
using Sparring.Transcripts.Redaction;
using Sparring.Transcripts.Users;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring fidelity &lt;env&gt; --transcripts &lt;files&gt; --user …: ingests the transcripts (redacted, heuristic
/// derivation), grounds users on the train split, plays the train split's scenarios with the user, and scores the
/// conversations against the held-out test split.
/// </summary>
internal static class FidelityCommand
{
    public static Command Create(IAnsiConsole console, EnvironmentLoader loader, IModelCatalog models, ILoggerFactory logging)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder or spec file." };
        var transcripts = new Option<string[]>("--transcripts") { Description = "Transcript files: .jsonl (chat JSONL) or text (Agent:/Customer:).", Required = true, AllowMultipleArgumentsPerToken = true };
        var user = new Option<string>("--user") { Description = "scripted, grounded, grounded:llm:<deployment-or-model>, llm or llm:<deployment-or-model>.", DefaultValueFactory = _ => "grounded" };
        var policy = new Option<string>("--policy") { Description = "The agent the users talk to: " + $"{string.Join(", ", ModelNames.PolicyForms)} or checkpoint:<folder> (a trained checkpoint).", DefaultValueFactory = _ => ModelNames.Reference };
        var episodes = new Option<int>("--episodes") { Description = "Episodes per derived scenario.", DefaultValueFactory = _ => 1 };
        var heldOut = new Option<int>("--held-out-percent") { Description = "Share of transcripts held out for scoring (the rest ground the users and give the scenarios).", DefaultValueFactory = _ => 50 };
        var seed = new Option<long>("--seed") { Description = "Seed of the simulated episodes.", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { Description = "Also write the fidelity report as JSON to this file." };

        var command = new Command("fidelity", "Score how close a mock user's conversations are to held-out real transcripts.")
        {
            environment, transcripts, user, policy, episodes, heldOut, seed, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var percent = parse.GetRequiredValue(heldOut);
            if (percent is < 1 or > 99)
            {
                throw new CliException("--held-out-percent must be between 1 and 99.");
            }

            var files = parse.GetRequiredValue(transcripts);
            foreach (var file in files.Where(f => !File.Exists(f)))
            {
                throw new CliException($"{file}: no such transcript file.");
            }

            var loaded = await loader.LoadAsync(parse.GetRequiredValue(environment), cancellationToken).ConfigureAwait(false);
            var ingest = await new TranscriptIngest(new ScenarioDeriver(testPercent: percent, logger: logging.CreateLogger<ScenarioDeriver>()), logger: logging.CreateLogger<TranscriptIngest>())
                .IngestFilesAsync(files, cancellationToken).ConfigureAwait(false);
            foreach (var error in ingest.Errors)
            {
                console.MarkupLine($"[yellow]skipped[/] {Markup.Escape(error)}");
            }

            var grounding = ingest.Scenarios.Where(s => s.Scenario.Split == "train").ToList();
            var real = ingest.Transcripts.Where(t => TranscriptSplit.Of(t.Id, percent) == "test").ToList();
            if (grounding.Count == 0 || real.Count == 0)
            {
                throw new CliException($"Fidelity needs transcripts on both sides of the split: {grounding.Count} to ground on, {real.Count} held out ({ingest.Transcripts.Count} read).");
            }

            var corpus = GroundingCorpus.Build(ingest.Transcripts, grounding);
            var name = parse.GetRequiredValue(user);
            var users = new GroundedUserSource(corpus).TryCreate(name, models.Users) ?? models.Users(name);
            var withScenarios = loaded.WithScenarios([.. grounding.Select(g => g.Scenario)]);
            var agent = models.Policy(parse.GetRequiredValue(policy), loaded);
            console.MarkupLine($"Read {ingest.Transcripts.Count} transcripts ({Markup.Escape(Redactions(ingest.Redactions))}); grounding on {grounding.Count}, scoring on {real.Count} held out");

            var simulated = await FidelitySimulation.SimulateAsync(withScenarios, agent, users, [.. grounding.Select(g => g.Scenario.Id)], parse.GetRequiredValue(episodes), parse.GetRequiredValue(seed), cancellationToken).ConfigureAwait(false);
            var report = FidelityScorer.Score(users.Identity.ToString(), real, simulated);
            Print(console, report);
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path + ".partial", JsonSerializer.Serialize(report, TranscriptsJsonContext.Default.FidelityReport), cancellationToken).ConfigureAwait(false);
                File.Move(path + ".partial", path, overwrite: true);
                console.WriteLine($"Fidelity report written to {path}");
            }

            return 0;
        });
        return command;
    }

    private static string Redactions(IReadOnlyDictionary<PiiKind, int> counts) =>
        counts.Count == 0 ? "nothing redacted" : "redacted " + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {PiiRedactor.Placeholder(c.Key)}"));

    private static void Print(IAnsiConsole console, FidelityReport report)
    {
        var table = new Table().Title($"Fidelity of {Markup.Escape(report.User)}")
            .AddColumn("feature").AddColumn(new TableColumn("similarity").RightAligned()).AddColumn(new TableColumn("real mean").RightAligned()).AddColumn(new TableColumn("simulated mean").RightAligned());
        foreach (var feature in report.Features)
        {
            table.AddRow(feature.Name, F(feature.Similarity), F(feature.RealMean), F(feature.SimulatedMean));
        }

        table.AddRow("classifier accuracy", F(report.ClassifierAccuracy), "0.5 = same", string.Empty);
        table.AddRow("[bold]overall[/]", $"[bold]{F(report.Overall)}[/]", $"{report.RealConversations} real", $"{report.SimulatedConversations} simulated");
        console.Write(table);
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
