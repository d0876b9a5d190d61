using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Cli.Commands;
using Sparring.Cli.Output;
using Sparring.Cli.Telemetry;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Models;
using Sparring.Training.Chat;

namespace Sparring.Cli;

/// <summary>The sparring command line: composes the engine and prints for people.</summary>
internal sealed class CliApp(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging, IModelCatalog models, CheckpointPolicies policies)
{
    /// <summary>Runs the command; 0 on success, 1 when the run failed, 2 for a mistake in the spec or the call.</summary>
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var loader = new EnvironmentLoader(logging.CreateLogger<EnvironmentLoader>());
        var telemetry = new Option<string?>("--telemetry")
        {
            Description = "console: print spans, metrics and logs (with run, tenant and episode ids) on standard output. Azure Monitor and OTLP turn on by APPLICATIONINSIGHTS_CONNECTION_STRING and OTEL_EXPORTER_OTLP_ENDPOINT.",
            Recursive = true,
        };
        telemetry.AcceptOnlyFromAmong("console");
        var root = new RootCommand("Sparring: environments, episodes and rewards for training LLM agents.")
        {
            telemetry,
            ValidateCommand.Create(console, loader),
            ScenariosCommand.Create(console, loader),
            ReplayCommand.Create(console, loader),
            EvalCommand.Create(console, loader, models, logging),
            FidelityCommand.Create(console, loader, models, logging),
            RunCommand.Create(console, configuration, models, logging),
            ReportCommand.Create(console, configuration, logging),
            NightlyCommand.Create(console, configuration, models, logging),
            UsageCommand.Create(console, configuration, logging),
            TrainCommand.Create(console, configuration, models, policies, logging),
            ServeCommand.Create(console, loader, models, logging),
            RewardModelCommand.Create(console, loader, logging),
            WorkerCommand.Create(console, configuration, logging),
            TenantCommand.Create(console, configuration, logging),
        };

        try
        {
            var parse = root.Parse(args);
            using var exporting = CliTelemetry.Start(configuration, parse.GetValue(telemetry) == "console", logging);
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (EnvironmentSpecException ex)
        {
            SpecErrorPrinter.Print(console, ex);
            return 2;
        }
        catch (ModelConfigurationException ex)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return 2;
        }
        catch (CliException ex)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]cancelled[/]");
            return 130;
        }
    }
}
