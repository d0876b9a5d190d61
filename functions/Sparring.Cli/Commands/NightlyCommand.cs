using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Storage;
using Sparring.Cli.Nightly;
using Sparring.EmbeddedHost;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Orchestration.Telemetry;
using Sparring.Storage;
using Sparring.Training.Jobs;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring nightly: the Function App's NightlyRetrain orchestration for one tenant, on the embedded engine, with the
/// training job trained in this process: new transcripts → grounded scenarios → data run → SFT → gate → promotion.
/// </summary>
internal static class NightlyCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration, IModelCatalog models, ILoggerFactory logging)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant whose transcripts ({tenant}/transcripts/yyyy/mm/dd/) and policy these are.", Required = true };
        var now = new Option<string?>("--now") { Description = "When the schedule fires (ISO 8601, UTC); transcripts of the days before it are taken. Default: now." };
        var environment = new Option<string>("--env") { Description = "The environment folder whose tools and graders the policy works with.", Required = true };
        var model = new Option<string>("--model") { Description = "The policy's model name in the store; its current version is the one to beat.", Required = true };
        var output = new Option<string>("--out") { Description = "Where transcripts, runs and checkpoints are: a folder, or 'azurite' for Blob storage.", Required = true };
        var nightlyId = new Option<string?>("--nightly-id") { Description = "The nightly run's id; the same id resumes it. Default nightly-<yyyyMMdd of --now>." };
        var margin = new Option<double>("--margin") { Description = "Promote only when the candidate's held-out mean reward beats the current one's by this.", DefaultValueFactory = _ => 0.02 };
        var episodes = new Option<int>("--episodes-per-scenario", "-k") { Description = "Episodes per scenario in each evaluation.", DefaultValueFactory = _ => 2 };
        var minReward = new Option<double>("--min-reward") { Description = "Rejection sampling: least reward of a training conversation.", DefaultValueFactory = _ => 1.0 };
        var timeout = new Option<double>("--training-timeout") { Description = "Minutes to wait for training before keeping the current policy.", DefaultValueFactory = _ => 360 };
        var epochs = new Option<int?>("--epochs") { Description = "SFT epochs of the candidate (the trainer's default otherwise)." };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:<index>.", DefaultValueFactory = _ => "auto" };
        var derivation = new Option<string?>("--derivation-model") { Description = "A model (as --judge names them) that derives scenarios and personas from the redacted transcripts; default: the documented heuristic." };
        var work = new Option<string?>("--work") { Description = "Scratch folder for training and downloaded checkpoints; default sparring/nightly under the temp folder." };
        var command = new Command("nightly", "Retrain a tenant's policy from the transcripts dropped since the last nightly run, and promote it if it is better.")
        {
            tenant, now, environment, model, output, nightlyId, margin, episodes, minReward, timeout, epochs, device, derivation, work,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var firedAt = parse.GetValue(now) is { } text
                ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                    ? parsed
                    : throw new CliException($"--now: '{text}' is not a date and time (e.g. 2026-11-27T02:00Z)")
                : DateTimeOffset.UtcNow;
            var folder = Path.GetFullPath(parse.GetRequiredValue(environment));
            var scratch = parse.GetValue(work) ?? Path.Combine(Path.GetTempPath(), "sparring", "nightly");
            var target = await StorageTargets.ResolveAsync(parse.GetRequiredValue(output), configuration, console, cancellationToken).ConfigureAwait(false);
            var store = target.CreateTrajectoryStore(logging);
            var files = target.CreateTenantFiles();
            var checkpoints = target.CreateCheckpointStore(logging);
            var runner = new TrainingJobRunner(
                checkpoints, store, files, target.CreateEnvironmentSource(StorageOptions.FromConfiguration(configuration).EnvironmentCacheFolder, logging),
                new TrainingJobRunnerOptions { Device = parse.GetRequiredValue(device), WorkFolder = Path.Combine(scratch, "training") },
                logging);

            EmbeddedDurableHost? host = null;
            await using var training = new LocalTrainingJobs(runner, () => host!, logging.CreateLogger<LocalTrainingJobs>(), cancellationToken);
            var services = new ActivityServices(
                new EnvironmentCatalog(new FolderEnvironmentSource(), new EnvironmentLoader(logging.CreateLogger<EnvironmentLoader>()), files),
                new EpisodeRunners(models, TimeProvider.System, logging),
                store,
                NoUsageMeter.Instance);
            var nightly = new NightlyServices(files, checkpoints, new TranscriptIngestion(files, logging.CreateLogger<TranscriptIngestion>(), parse.GetValue(derivation) is { } deriver ? models.Judge(deriver)?.Client : null), training, new LocalCheckpointPolicies(checkpoints, Path.Combine(scratch, "models")));
            await using var started = await EmbeddedDurableHost.StartInMemoryAsync(services, new EmbeddedHostOptions(), logging, nightly).ConfigureAwait(false);
            host = started;

            var hyperparameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (parse.GetValue(epochs) is { } e)
            {
                hyperparameters["epochs"] = JsonSerializer.SerializeToElement(e, OrchestrationJsonContext.Default.Int32);
            }

            var request = new NightlyRetrainRequest
            {
                NightlyId = parse.GetValue(nightlyId) ?? $"nightly-{firedAt.UtcDateTime:yyyyMMdd}",
                Tenant = parse.GetRequiredValue(tenant),
                Now = firedAt,
                Environment = new EnvironmentReference(folder),
                PolicyModel = parse.GetRequiredValue(model),
                EpisodesPerScenario = parse.GetRequiredValue(episodes),
                Sampling = new RejectionSamplingOptions(parse.GetRequiredValue(minReward)),
                PromotionMargin = parse.GetRequiredValue(margin),
                TrainingTimeout = TimeSpan.FromMinutes(parse.GetRequiredValue(timeout)),
                TrainingHyperparameters = hyperparameters,
            };
            console.MarkupLine($"Nightly [bold]{Markup.Escape(request.NightlyId)}[/] of tenant {Markup.Escape(request.Tenant)} at {firedAt:yyyy-MM-dd HH:mm} UTC, storing into {Markup.Escape(target.Description)}");
            using var span = OrchestrationTelemetry.StartRun("nightly", new RunKey(request.Tenant, request.NightlyId), Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar)));
            await started.StartNightlyAsync(request, cancellationToken).ConfigureAwait(false);
            NightlyReport report;
            try
            {
                report = await started.WaitForNightlyAsync(request.NightlyId, new StepPrinter(console), cancellationToken).ConfigureAwait(false);
            }
            catch (RunFailedException ex)
            {
                console.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
                return 1;
            }

            console.MarkupLine($"[bold]{Markup.Escape(report.Outcome)}[/]: {Markup.Escape(report.Summary)}");
            console.WriteLine($"Report: {target.Description}/{new RunKey(request.Tenant, request.NightlyId).PathOf(RunFiles.NightlyReportText)}");
            return 0;
        });
        return command;
    }
}

