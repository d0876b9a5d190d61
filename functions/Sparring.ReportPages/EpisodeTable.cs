using System.Text.Json;
using Sparring.Abstractions.Trajectories;

namespace Sparring.ReportPages;

/// <summary>
/// The episodes of a report page, added one trajectory at a time (a run is read as a stream): every episode gets its
/// row, and conversations are kept while they fit in <see cref="ConversationBudgetBytes"/>, so that a very large run
/// still gives a page a browser opens; the rest are read from the run's trajectories-NNN.jsonl parts.
/// </summary>
/// <param name="conversationBudgetBytes">The most bytes of conversation JSON the page embeds.</param>
public sealed class EpisodeTable(long conversationBudgetBytes = EpisodeTable.DefaultConversationBudgetBytes)
{
    /// <summary>32 MB of conversations: several thousand episodes of a support environment.</summary>
    public const long DefaultConversationBudgetBytes = 32L * 1024 * 1024;

    private readonly List<ReportEpisode> _rows = [];
    private long _used;

    /// <summary>The budget this table keeps conversations within.</summary>
    public long ConversationBudgetBytes { get; } = conversationBudgetBytes;

    /// <summary>The episodes added, in the order they were added.</summary>
    public IReadOnlyList<ReportEpisode> Rows => _rows;

    /// <summary>Episodes whose conversation did not fit in the budget.</summary>
    public int ConversationsLeftOut { get; private set; }

    /// <summary>Adds an episode, with its conversation if the budget still allows it.</summary>
    public void Add(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var full = ReportEpisode.From(trajectory, withConversation: true);
        var size = JsonSerializer.SerializeToUtf8Bytes(full, ReportsJsonContext.Default.ReportEpisode).LongLength;
        if (_used + size <= ConversationBudgetBytes)
        {
            _used += size;
            _rows.Add(full);
            return;
        }

        ConversationsLeftOut++;
        _rows.Add(ReportEpisode.From(trajectory, withConversation: false));
    }

    /// <summary>Adds the row of an episode that left no trajectory (its activity failed for good), with the error as its detail.</summary>
    public void AddWithoutTrajectory(EpisodeSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _rows.Add(new ReportEpisode(
            summary.EpisodeId, summary.ScenarioId, Split: string.Empty, Repetition: 0, summary.Reward, summary.Success, summary.Transferred,
            summary.Termination, summary.Error, summary.DurationMs, summary.Usage.TotalTokens, summary.Cost.Total,
            FinalStateHash: string.Empty, GoldStateHash: string.Empty, Graders: [], Messages: null, ToolCalls: null));
    }
}
