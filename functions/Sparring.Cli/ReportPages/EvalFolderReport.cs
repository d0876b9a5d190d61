using System.Text.Json;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.ReportPages;

namespace Sparring.Cli.ReportPages;

/// <summary>The report page of a sparring eval folder: its <see cref="RunFiles.Report"/> and <see cref="RunFiles.Trajectories"/>.</summary>
internal static class EvalFolderReport
{
    /// <summary>Whether <paramref name="folder"/> is an eval output folder.</summary>
    public static bool IsEvalFolder(string folder) =>
        File.Exists(Path.Combine(folder, RunFiles.Report)) && File.Exists(Path.Combine(folder, RunFiles.Trajectories));

    /// <summary>The page content of the eval folder; a <see cref="CliException"/> naming the file and line for bad input.</summary>
    public static async Task<RunReportPageContent> LoadAsync(string folder, CancellationToken cancellationToken)
    {
        var reportPath = Path.Combine(folder, RunFiles.Report);
        RunReport report;
        try
        {
            report = JsonSerializer.Deserialize(await File.ReadAllTextAsync(reportPath, cancellationToken).ConfigureAwait(false), SparringJsonContext.Default.RunReport)
                ?? throw new CliException($"{reportPath}: empty");
        }
        catch (JsonException ex)
        {
            throw new CliException($"{reportPath}: not a run report ({ex.Message})");
        }

        var episodes = new EpisodeTable();
        var trajectoriesPath = Path.Combine(folder, RunFiles.Trajectories);
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(trajectoriesPath, cancellationToken).ConfigureAwait(false))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                episodes.Add(JsonSerializer.Deserialize(line, SparringJsonContext.Default.Trajectory) ?? throw new CliException($"{trajectoriesPath}:{number}: null"));
            }
            catch (JsonException ex)
            {
                throw new CliException($"{trajectoriesPath}:{number}: not a trajectory ({ex.Message})");
            }
        }

        return RunReportPageLoader.Content(report.RunId, report, episodes, report.RunId);
    }
}
