using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Storage;
using Sparring.Cli.Output;
using Sparring.EmbeddedHost;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Models;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Orchestration.Telemetry;
using Sparring.Storage;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring run &lt;env&gt;: the Function App's evaluation-run orchestration, hosted in this process on an embedded
/// Durable Task engine, storing into a folder or Blob storage (Azurite when none is configured).
/// </summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration, IModelCatalog models, ILoggerFactory logging)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder." };
        var policy = new Option<string>("--policy") { Description = $"{string.Join(", ", ModelNames.PolicyForms)} or checkpoint:<folder> (a trained checkpoint).", DefaultValueFactory = _ => ModelNames.Reference };
        var user = new Option<string>("--user") { Description = $"{ModelNames.Describe(ModelNames.UserForms)}.", DefaultValueFactory = _ => ModelNames.Scripted };
        var judge = new Option<string?>("--judge") { Description = $"{ModelNames.Describe(ModelNames.JudgeForms(rewardModels: true))}; default Sparring__Judge__Model when set." };
        var episodes = new Option<int>("--episodes-per-scenario", "-k") { Description = "Episodes per scenario.", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency", "-n") { Description = "Episodes in flight at once.", DefaultValueFactory = _ => 16 };
        var split = new Option<string>("--split") { Description = "train, test or all.", DefaultValueFactory = _ => "all" };
        split.AcceptOnlyFromAmong("train", "test", "all");
        var seed = new Option<long>("--seed") { Description = "Run seed.", DefaultValueFactory = _ => 0 };
        var runId = new Option<string?>("--run-id") { Description = "Run id; the same id resumes a run. Default <env>-<UTC timestamp>." };
        var tenant = new Option<string>("--tenant") { Description = "Tenant the run belongs to.", DefaultValueFactory = _ => "local" };
        var minReward = new Option<double>("--min-reward") { Description = $"Rejection sampling: least reward kept in {RunFiles.Dataset}.", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int?>("--top-k") { Description = "Rejection sampling: most episodes kept per scenario." };
        var output = new Option<string>("--out") { Description = "A folder, or 'azurite' for Blob storage (configured, or a local Azurite started for you).", Required = true };
        var durable = new Option<bool>("--durable") { Description = "Keep the orchestration's state in Azure Storage (Azurite when none is configured): a killed run resumes when started again." };

        var command = new Command("run", "Run an evaluation through the durable orchestration, locally.")
        {
            environment, policy, user, judge, episodes, concurrency, split, seed, runId, tenant, minReward, topK, output, durable,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetRequiredValue(environment));
            string? connection = null;
            async Task<string> ConnectionAsync() => connection ??= await StorageTargets.ConnectionStringAsync(configuration, console, cancellationToken).ConfigureAwait(false);
            var id = parse.GetValue(runId) ?? $"{Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar))}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            var target = await StorageTargets.ResolveAsync(parse.GetRequiredValue(output), configuration, ConnectionAsync).ConfigureAwait(false);
            var store = target.CreateTrajectoryStore(logging);

            // Usage rows go where the blobs go: a run into Azurite (or the configured account) is metered; a folder is not.
            var meter = parse.GetRequiredValue(output) == "azurite"
                ? UsageLedgers.Meter(await UsageLedgers.CreateAsync(configuration, ConnectionAsync, logging).ConfigureAwait(false), configuration, logging)
                : NoUsageMeter.Instance;
            var services = new ActivityServices(
                new EnvironmentCatalog(new FolderEnvironmentSource(), new EnvironmentLoader(logging.CreateLogger<EnvironmentLoader>())),
                new EpisodeRunners(models, TimeProvider.System, logging),
                store,
                meter);
            var request = new EvaluationRunRequest
            {
                RunId = id,
                Tenant = parse.GetRequiredValue(tenant),
                Environment = new EnvironmentReference(folder),
                Models = new ModelSelection(parse.GetRequiredValue(policy), parse.GetRequiredValue(user), parse.GetValue(judge)),
                Split = parse.GetRequiredValue(split) is "all" ? null : parse.GetRequiredValue(split),
                EpisodesPerScenario = parse.GetRequiredValue(episodes),
                Seed = parse.GetRequiredValue(seed),
                Concurrency = parse.GetRequiredValue(concurrency),
                Sampling = new RejectionSamplingOptions(parse.GetRequiredValue(minReward), parse.GetValue(topK)),
            };

            var run = new RunKey(request.Tenant, id);
            using var span = OrchestrationTelemetry.StartRun("run", run, Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar)));
            var isDurable = parse.GetValue(durable);
            await using var host = isDurable
                ? await EmbeddedDurableHost.StartDurableAsync(await ConnectionAsync().ConfigureAwait(false), "sparringlocal", services, new EmbeddedHostOptions(), logging).ConfigureAwait(false)
                : await EmbeddedDurableHost.StartInMemoryAsync(services, new EmbeddedHostOptions(), logging).ConfigureAwait(false);
            console.MarkupLine($"Run [bold]{Markup.Escape(id)}[/] of {Markup.Escape(folder)} on the embedded Durable Task engine ({(isDurable ? "durable, on Azure Storage" : "in memory")}), storing into {Markup.Escape(target.Description)}");
            await host.StartRunAsync(request, cancellationToken).ConfigureAwait(false);
            EvaluationRunResult result;
            try
            {
                result = await ProgressDisplay.ShowAsync<RunProgressStatus, EvaluationRunResult>(console, p => (p.Done, p.Total, $"{p.Phase}, mean reward {p.MeanReward:0.000}, failed {p.Failed}"), progress => host.WaitAsync(id, progress, cancellationToken)).ConfigureAwait(false);
            }
            catch (RunFailedException ex)
            {
                console.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
                return 1;
            }

            if (await store.ReadReportAsync(run, cancellationToken).ConfigureAwait(false) is { } report)
            {
                ReportTable.Print(console, report);
            }

            console.WriteLine($"{result.Dataset.Examples} of {result.Dataset.Candidates} candidate episodes kept in {result.Dataset.File} (reward >= {result.Dataset.MinReward}{(result.Dataset.TopKPerScenario is { } k ? $", best {k} per scenario" : string.Empty)})");
            console.WriteLine($"Files of the run under {target.Description}/{run.Prefix}: {RunFiles.EpisodesFolder}/, {string.Join(", ", result.Files)}");
            if (result.NotRun > 0)
            {
                console.MarkupLine($"[yellow]{result.Status}: {result.NotRun} planned episodes were not run ({RunFiles.Report} says why).[/]");
            }

            if (result.Failed > 0)
            {
                console.MarkupLine($"[yellow]{result.Failed} episodes failed; the report's terminations and each trajectory's termination say why.[/]");
            }

            return 0;
        });
        return command;
    }
}
