namespace Sparring.Tenancy.Callbacks;

/// <summary>The body of a completion callback: a small summary and where to read the rest.</summary>
/// <param name="Type"><c>run.completed</c>, or <c>nightly.completed</c> for a nightly retraining.</param>
/// <param name="RunId">The run.</param>
/// <param name="Tenant">Its tenant.</param>
/// <param name="Status">completed or failed.</param>
/// <param name="MeanReward">The run's mean reward; null when it failed.</param>
/// <param name="Episodes">Episodes planned.</param>
/// <param name="FailedEpisodes">Episodes that ended in an error.</param>
/// <param name="CompletedAt">When the run ended (UTC).</param>
/// <param name="Links">The run's status and report endpoints.</param>
/// <param name="Summary">One sentence on a nightly retraining's outcome; null for runs.</param>
public sealed record RunCompletedCallback(
    string Type,
    string RunId,
    string Tenant,
    string Status,
    double? MeanReward,
    int Episodes,
    int FailedEpisodes,
    DateTimeOffset CompletedAt,
    CallbackLinks Links,
    string? Summary = null)
{
    /// <summary>The <see cref="Type"/> of an evaluation run's callback.</summary>
    public const string RunCompleted = "run.completed";
}

/// <summary>Where the run's status and report are (authenticate with the tenant's API key).</summary>
/// <param name="Self">GET: status.</param>
/// <param name="Report">GET: report.json.</param>
public sealed record CallbackLinks(string Self, string Report);
