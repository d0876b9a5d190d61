using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Abstractions.Storage;
using Sparring.Cli.ReportPages;
using Sparring.ReportPages;
using Sparring.Storage;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring report &lt;dir|run-id&gt;: renders the report page of a run, a training run or a nightly run (or a sparring
/// eval folder) and writes it, or serves it over HTTP until Ctrl+C.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging)
    {
        var target = new Argument<string>("run") { Description = "A run folder (<store>/<tenant>/runs/<run id>), a sparring eval folder, or a run id with --store." };
        var store = new Option<string?>("--store") { Description = "Where a run named by id is stored: a folder (as given to run --out) or 'azurite'." };
        var tenant = new Option<string>("--tenant") { Description = "Tenant of a run named by id.", DefaultValueFactory = _ => "local" };
        var output = new Option<string?>("--out") { Description = $"File to write the page to; default {RunFiles.Page} in the run folder (or in the store)." };
        var serve = new Option<bool>("--serve") { Description = "Serve the page over HTTP until Ctrl+C instead of writing it (unless --out is given too)." };
        var host = new Option<string>("--host") { Description = "IP address (or localhost) to serve on.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "TCP port to serve on; 0 picks a free one.", DefaultValueFactory = _ => 8080 };

        var command = new Command("report", $"Write a run's self-contained {RunFiles.Page}, or serve it.")
        {
            target, store, tenant, output, serve, host, port,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetRequiredValue(target);
            var (content, write) = await LoadAsync(name, parse.GetValue(store), parse.GetRequiredValue(tenant), configuration, console, logging, cancellationToken).ConfigureAwait(false);
            var page = RunReportPage.RenderUtf8(content);
            var serving = parse.GetValue(serve);
            if (parse.GetValue(output) is { } file)
            {
                await ReportPageFile.WriteAsync(Path.GetFullPath(file), page, cancellationToken).ConfigureAwait(false);
                console.WriteLine($"Report of {content.Title} ({content.Episodes.Count} episodes, {page.Length / 1024.0:N0} KB) written to {Path.GetFullPath(file)}");
            }
            else if (!serving)
            {
                var where = await write(page, cancellationToken).ConfigureAwait(false);
                console.WriteLine($"Report of {content.Title} ({content.Episodes.Count} episodes, {page.Length / 1024.0:N0} KB) written to {where}");
            }

            if (!serving)
            {
                return 0;
            }

            await using var server = await ReportServer.StartAsync(page, parse.GetRequiredValue(host), parse.GetRequiredValue(port), logging, cancellationToken).ConfigureAwait(false);
            console.WriteLine($"Serving the report of {content.Title} at {server.Address}; Ctrl+C stops.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how serving ends: a normal exit, not a cancelled command.
            }

            console.WriteLine("Stopped.");
            return 0;
        });
        return command;
    }

    private delegate Task<string> PageWriter(byte[] page, CancellationToken cancellationToken);

    private static async Task<(RunReportPageContent Content, PageWriter Write)> LoadAsync(string name, string? storeName, string tenant, IConfiguration configuration, IAnsiConsole console, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        try
        {
            if (Directory.Exists(name))
            {
                var folder = Path.GetFullPath(name).TrimEnd(Path.DirectorySeparatorChar);
                var local = Path.Combine(folder, RunFiles.Page);
                PageWriter besideIt = async (page, ct) =>
                {
                    await ReportPageFile.WriteAsync(local, page, ct).ConfigureAwait(false);
                    return local;
                };
                if (Path.GetFileName(Path.GetDirectoryName(folder)) == RunKey.RunsFolder && Path.GetDirectoryName(Path.GetDirectoryName(folder)) is { } tenantFolder && Path.GetDirectoryName(tenantFolder) is { } root)
                {
                    var run = new RunKey(Path.GetFileName(tenantFolder), Path.GetFileName(folder));
                    return (await new RunReportPageLoader(new FolderTrajectoryStore(root)).LoadAsync(run, cancellationToken).ConfigureAwait(false), besideIt);
                }

                return EvalFolderReport.IsEvalFolder(folder)
                    ? (await EvalFolderReport.LoadAsync(folder, cancellationToken).ConfigureAwait(false), besideIt)
                    : throw new CliException($"{folder} is neither a run folder (<store>/<tenant>/runs/<run id>) nor a sparring eval folder ({RunFiles.Report} and {RunFiles.Trajectories})");
            }

            if (storeName is null)
            {
                throw new CliException($"'{name}' is not a folder; to name a run by its id, say where it is stored with --store <folder|azurite>");
            }

            var storage = await StorageTargets.ResolveAsync(storeName, configuration, console, cancellationToken).ConfigureAwait(false);
            var trajectories = storage.CreateTrajectoryStore(logging);
            var key = new RunKey(tenant, name);
            var content = await new RunReportPageLoader(trajectories).LoadAsync(key, cancellationToken).ConfigureAwait(false);
            return (content, async (page, ct) =>
            {
                using var stream = new MemoryStream(page);
                await trajectories.WriteFileAsync(key, RunFiles.Page, stream, ct).ConfigureAwait(false);
                return $"{storage.Description}/{key.PathOf(RunFiles.Page)}";
            });
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
