using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Contracts;

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

    /// <summary>When a notice says the run ended: the orchestration's replay-safe clock, to the millisecond.</summary>
    public static DateTimeOffset CompletedAt(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ticks = context.CurrentUtcDateTime.Ticks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>
    /// Sends <paramref name="notice"/> through <c>NotifyRunCompletedActivity</c> under this policy. The notifier records a
    /// callback it gave up on; here it is only logged, and never fails the run or night that sent it.
    /// </summary>
    public static async Task NotifyAsync(TaskOrchestrationContext context, RunCompletionNotice notice, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            await context.CallActivityAsync<string>(nameof(NotifyRunCompletedActivity), notice, Options).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            logger.LogWarning("Run {RunId}: the completion callback could not be delivered: {Error}", notice.RunId, ex.FailureDetails.ErrorMessage);
        }
    }
}
