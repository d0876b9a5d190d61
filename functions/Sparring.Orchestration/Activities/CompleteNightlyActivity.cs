using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.ReportPages;

namespace Sparring.Orchestration.Activities;

/// <summary>
/// Stores the nightly report (<see cref="RunFiles.NightlyReport"/>, a readable <see cref="RunFiles.NightlyReportText"/>
/// and the <see cref="RunFiles.Page"/> page under the nightly id's run folder) and then advances the watermark: a nightly
/// run that stops before this point takes the same days again. Returns the stored report's full name.
/// </summary>
public sealed class CompleteNightlyActivity(NightlyServices services, ITrajectoryStore store) : TaskActivity<NightlyCompletion, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, NightlyCompletion input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var report = input.Report;
        var run = new RunKey(report.Tenant, report.NightlyId);
        using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(report, OrchestrationJsonContext.Default.NightlyReport)))
        {
            await store.WriteFileAsync(run, RunFiles.NightlyReport, json, CancellationToken.None).ConfigureAwait(false);
        }

        using (var markdown = new MemoryStream(Encoding.UTF8.GetBytes(Markdown(report))))
        {
            await store.WriteFileAsync(run, RunFiles.NightlyReportText, markdown, CancellationToken.None).ConfigureAwait(false);
        }

        // The page: the decision, the mock users' fidelity (measured earlier) and the data run's episodes.
        var content = await new RunReportPageLoader(store).LoadAsync(run, CancellationToken.None).ConfigureAwait(false);
        using (var page = new MemoryStream(RunReportPage.RenderUtf8(content)))
        {
            await store.WriteFileAsync(run, RunFiles.Page, page, CancellationToken.None).ConfigureAwait(false);
        }

        if (input.NewWatermark is { } day)
        {
            var watermark = JsonSerializer.SerializeToUtf8Bytes(new NightlyWatermark(day), OrchestrationJsonContext.Default.NightlyWatermark);
            await services.Files.WriteAsync(report.Tenant, ListNewTranscriptsActivity.WatermarkPath, watermark, CancellationToken.None).ConfigureAwait(false);
        }

        return run.PathOf(RunFiles.NightlyReport);
    }

    /// <summary>The report as Markdown for people.</summary>
    public static string Markdown(NightlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"# Nightly retraining {report.NightlyId}");
        text.AppendLine();
        text.AppendLine(c, $"Tenant `{report.Tenant}`, scheduled {report.Now:yyyy-MM-dd HH:mm} UTC. **{report.Outcome}**: {report.Summary}");
        text.AppendLine();
        text.AppendLine(c, $"- Transcript files: {report.Transcripts.Count}");
        if (report.Ingestion is { } ingestion)
        {
            var redactions = ingestion.Redactions.Count == 0 ? "none" : string.Join(", ", ingestion.Redactions.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} {r.Value}"));
            text.AppendLine(c, $"- Conversations: {ingestion.Transcripts}; personal data redacted: {redactions}");
            text.AppendLine(c, $"- Scenarios derived: {ingestion.Scenarios}, in environment {ingestion.Environment}, played by `{ingestion.User}` users");
            if (ingestion.Fidelity is { } fidelity)
            {
                text.AppendLine(c, $"- Mock-user fidelity against the transcripts: {fidelity:0.000} (1 = indistinguishable)");
            }

            foreach (var problem in ingestion.Problems)
            {
                text.AppendLine(c, $"- Not used: {problem}");
            }
        }

        text.AppendLine(c, $"- Current policy: {report.Current?.ToString() ?? "none"}; candidate: {report.Candidate?.ToString() ?? "none"}");
        if (report.DataRunId is not null)
        {
            text.AppendLine(c, $"- Training data: {report.TrainingExamples} conversations kept from run `{report.DataRunId}`; job `{report.TrainingJobId}`");
        }

        if (report.TrainingError is not null)
        {
            text.AppendLine(c, $"- Training failed: {report.TrainingError}");
        }

        if (report.Gate is { } gate)
        {
            text.AppendLine();
            text.AppendLine("## Promotion gate");
            text.AppendLine();
            text.AppendLine("| | current | candidate |");
            text.AppendLine("|---|---:|---:|");
            text.AppendLine(c, $"| held-out mean reward | {gate.CurrentMeanReward:0.000} | {gate.CandidateMeanReward:0.000} |");
            foreach (var comparison in gate.SafetyGates)
            {
                text.AppendLine(c, $"| gate `{comparison.Grader}` | {Format(comparison.Current)} | {Format(comparison.Candidate)} |");
            }

            text.AppendLine();
            text.AppendLine(c, $"Decision: {(gate.Promote ? "promote" : "keep the current policy")} (margin {gate.Margin:0.000}).");
            foreach (var reason in gate.Reasons)
            {
                text.AppendLine(c, $"- {reason}");
            }
        }

        return text.ToString();
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
