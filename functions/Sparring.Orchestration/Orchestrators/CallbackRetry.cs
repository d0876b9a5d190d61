using Microsoft.DurableTask;

namespace Sparring.Orchestration.Orchestrators;

/// <summary>
/// How completion callbacks are retried: 6 attempts with exponential backoff from 30 s (30 s, 1, 2, 4, 8 min: about
/// a quarter of an hour in all), so a receiver that is down for a deploy still gets it.
/// </summary>
public static class CallbackRetry
{
    /// <summary>Attempts in all, the first included.</summary>
    public const int MaxAttempts = 6;

    /// <summary>The retry policy of <c>NotifyRunCompletedActivity</c>.</summary>
    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: MaxAttempts,
        firstRetryInterval: TimeSpan.FromSeconds(30),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(10)));
}
