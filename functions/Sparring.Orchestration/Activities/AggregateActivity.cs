using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Reports;
using Sparring.Engine.Telemetry;
using Sparring.Orchestration.Contracts;
using Sparring.ReportPages;
using Sparring.Orchestration.Telemetry;

namespace Sparring.Orchestration.Activities;

/// <summary>
/// Builds report.json from the batches' summaries (the same report the CLI prints), compacts the episode blobs
/// into numbered trajectories-NNN.jsonl parts for download, and writes report.html beside report.json.
/// </summary>
public sealed class AggregateActivity(ITrajectoryStore store) : TaskActivity<AggregateRequest, RunReport>
{
    /// <summary>Episodes per compacted part: a few tens of megabytes at most.</summary>
    public const int EpisodesPerPart = 2_000;

    /// <inheritdoc />
    public override async Task<RunReport> RunAsync(TaskActivityContext context, AggregateRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        using var activity = OrchestrationTelemetry.StartActivity(nameof(AggregateActivity), input.Run);
        var summaries = await BatchSummaries.ReadAsync(store, input.Run, input.Batches, cancellationToken).ConfigureAwait(false);

        var identities = (Policy: new ModelIdentity("unresolved", input.Models.Policy), User: new ModelIdentity("unresolved", input.Models.User), Judge: (ModelIdentity?)null);
        var part = 0;
        var lines = new StringBuilder();
        var inPart = 0;
        var episodes = new EpisodeTable();
        await foreach (var trajectory in store.ReadAllAsync(input.Run, cancellationToken).ConfigureAwait(false))
        {
            if (part == 0 && inPart == 0)
            {
                identities = (trajectory.Policy, trajectory.User, trajectory.Judge);
            }

            lines.AppendLine(JsonSerializer.Serialize(trajectory, SparringJsonContext.Default.Trajectory));
            episodes.Add(trajectory);
            if (++inPart == EpisodesPerPart)
            {
                await WritePartAsync(input.Run, part++, lines, cancellationToken).ConfigureAwait(false);
                inPart = 0;
            }
        }

        if (inPart > 0 || part == 0)
        {
            await WritePartAsync(input.Run, part, lines, cancellationToken).ConfigureAwait(false);
        }

        // Episodes that failed for good left a summary but no trajectory: they are in the report, so they are in the table.
        var recorded = episodes.Rows.Select(row => row.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var summary in summaries.Where(summary => !recorded.Contains(summary.EpisodeId)))
        {
            episodes.AddWithoutTrajectory(summary);
        }

        var report = RunReportBuilder.Build(new RunReportBuilder.RunIdentity(input.Run.RunId, input.Environment, identities.Policy, identities.User, identities.Judge), summaries);
        if (input.NotRun is { } notRun)
        {
            report = report with { Status = notRun.Reason, NotRun = notRun };
        }

        await store.WriteReportAsync(input.Run, report, cancellationToken).ConfigureAwait(false);
        using (var page = new MemoryStream(RunReportPage.RenderUtf8(RunReportPageLoader.Content(input.Run.RunId, report, episodes, input.Run.RunId))))
        {
            await store.WriteFileAsync(input.Run, RunFiles.Page, page, cancellationToken).ConfigureAwait(false);
        }

        activity?.SetTag(TelemetryTags.Episodes, report.Episodes);
        activity?.SetTag("sparring.run.status", report.Status);
        OrchestrationTelemetry.RunReported(input.Run, report.Status);
        return report;
    }

    private async Task WritePartAsync(RunKey run, int part, StringBuilder lines, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString()));
        await store.WriteFileAsync(run, RunFiles.TrajectoriesPart(part), content, cancellationToken).ConfigureAwait(false);
        lines.Clear();
    }
}
