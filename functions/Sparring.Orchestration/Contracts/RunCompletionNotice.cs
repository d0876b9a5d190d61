namespace Sparring.Orchestration.Contracts;

/// <summary>What the completion callback reports: one small summary of how a run ended.</summary>
/// <param name="Tenant">The run's tenant.</param>
/// <param name="RunId">The run.</param>
/// <param name="Status">completed or failed.</param>
/// <param name="MeanReward">The mean reward; null when the run failed.</param>
/// <param name="Episodes">Episodes planned; 0 when the run failed before planning.</param>
/// <param name="FailedEpisodes">Episodes that ended in an error.</param>
/// <param name="CompletedAt">When it ended (the orchestration's replay-safe clock, to the millisecond).</param>
/// <param name="RunUrl">The run's status URL.</param>
/// <param name="MaxAttempts">How many attempts the retry policy makes: the last one records a failure instead of throwing.</param>
/// <param name="Event">What ended: run.completed, or nightly.completed for a nightly retraining (whose status is its outcome).</param>
/// <param name="Summary">One sentence on the outcome, for a nightly retraining.</param>
public sealed record RunCompletionNotice(
    string Tenant,
    string RunId,
    string Status,
    double? MeanReward,
    int Episodes,
    int FailedEpisodes,
    DateTimeOffset CompletedAt,
    string RunUrl,
    int MaxAttempts,
    string Event = RunCompletionNotice.RunCompleted,
    string? Summary = null)
{
    /// <summary>The event of an evaluation run's end.</summary>
    public const string RunCompleted = "run.completed";

    /// <summary>The event of a nightly retraining's end.</summary>
    public const string NightlyCompleted = "nightly.completed";
}
