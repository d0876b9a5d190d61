using System.Text.Json;
using Sparring.Abstractions.Reports;

namespace Sparring.ReportPages;

/// <summary>What one report page shows: a run's report and episodes, and the training or nightly report it belongs to.</summary>
public sealed record RunReportPageContent
{
    /// <summary>The page title (the run, training or nightly id).</summary>
    public required string Title { get; init; }

    /// <summary>The run report of the episodes shown; null for a training or nightly page whose run has none.</summary>
    public RunReport? Report { get; init; }

    /// <summary>The run whose episodes the viewer shows (for a training page, its final evaluation run).</summary>
    public string? EpisodesRunId { get; init; }

    /// <summary>The episodes, with their conversations where they fit.</summary>
    public IReadOnlyList<ReportEpisode> Episodes { get; init; } = [];

    /// <summary>Episodes whose conversation was left out for the page's size.</summary>
    public int ConversationsLeftOut { get; init; }

    /// <summary>train-report.json as stored, for a training page.</summary>
    public JsonElement? Train { get; init; }

    /// <summary>nightly-report.json as stored, for a nightly page.</summary>
    public JsonElement? Nightly { get; init; }

    /// <summary>fidelity.json as stored, when the nightly run measured its mock users.</summary>
    public JsonElement? Fidelity { get; init; }

    /// <summary>When the page was made, to the second: pages of the same data differ only in this stamp, never in size.</summary>
    public DateTimeOffset GeneratedAt { get; init; } = WholeSeconds(DateTimeOffset.UtcNow);

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
