using System.Text.Json;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;

namespace Sparring.ReportPages;

/// <summary>
/// Gathers a report page's content from a run folder in a store: report.json and the episodes for an evaluation run;
/// train-report.json and the final evaluation's episodes for a training run; nightly-report.json, fidelity.json and
/// the data run's episodes for a nightly run.
/// </summary>
public sealed class RunReportPageLoader(ITrajectoryStore store, long conversationBudgetBytes = EpisodeTable.DefaultConversationBudgetBytes)
{
    /// <summary>The content of <paramref name="run"/>'s page; <see cref="InvalidDataException"/> naming the file when a report cannot be read or none exists.</summary>
    public async Task<RunReportPageContent> LoadAsync(RunKey run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var train = await ReadJsonAsync(run, RunFiles.TrainReport, cancellationToken).ConfigureAwait(false);
        var nightly = await ReadJsonAsync(run, RunFiles.NightlyReport, cancellationToken).ConfigureAwait(false);
        var fidelity = await ReadJsonAsync(run, RunFiles.Fidelity, cancellationToken).ConfigureAwait(false);
        var report = await store.ReadReportAsync(run, cancellationToken).ConfigureAwait(false);

        // A training or nightly run has no episodes of its own: its page shows the run it points at.
        var episodesRun = report is not null ? run
            : train is { } t && LinkedRun(t, RunFiles.TrainReport, run, "ppoEvaluation", "sftEvaluation") is { } evaluation ? new RunKey(run.Tenant, evaluation)
            : nightly is { } n && LinkedRun(n, RunFiles.NightlyReport, run, "dataRunId") is { } data ? new RunKey(run.Tenant, data)
            : null;
        if (report is null && train is null && nightly is null)
        {
            throw new InvalidDataException($"{run.Prefix} has no {RunFiles.Report}, {RunFiles.TrainReport} or {RunFiles.NightlyReport}: is the run finished, and is the tenant right?");
        }

        if (report is null && episodesRun is not null)
        {
            report = await store.ReadReportAsync(episodesRun, cancellationToken).ConfigureAwait(false);
        }

        var episodes = new EpisodeTable(conversationBudgetBytes);
        if (episodesRun is not null)
        {
            await foreach (var trajectory in store.ReadAllAsync(episodesRun, cancellationToken).ConfigureAwait(false))
            {
                episodes.Add(trajectory);
            }
        }

        return Content(run.RunId, report, episodes, episodesRun?.RunId) with { Train = train, Nightly = nightly, Fidelity = fidelity };
    }

    /// <summary>The content of an evaluation run's page from its report and the episodes gathered.</summary>
    public static RunReportPageContent Content(string title, RunReport? report, EpisodeTable episodes, string? episodesRunId)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        return new RunReportPageContent
        {
            Title = title,
            Report = report,
            EpisodesRunId = episodesRunId,
            Episodes = episodes.Rows,
            ConversationsLeftOut = episodes.ConversationsLeftOut,
        };
    }

    private async Task<JsonElement?> ReadJsonAsync(RunKey run, string name, CancellationToken cancellationToken)
    {
        var stream = await store.OpenFileAsync(run, name, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    ? document.RootElement.Clone()
                    : throw new InvalidDataException($"{run.PathOf(name)}: expected a JSON object, found {document.RootElement.ValueKind}");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{run.PathOf(name)}: not valid JSON ({ex.Message})", ex);
            }
        }
    }

    // train-report.json names its evaluations as {ppoEvaluation: {runId}}, nightly-report.json its data run as {dataRunId}.
    private static string? LinkedRun(JsonElement document, string file, RunKey run, params string[] names)
    {
        foreach (var name in names)
        {
            if (!document.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var id = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("runId", out var runId) ? runId : value;
            return id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : throw new InvalidDataException($"{run.PathOf(file)}: $.{name}{(value.ValueKind == JsonValueKind.Object ? ".runId" : string.Empty)} is not a run id string");
        }

        return null;
    }
}
