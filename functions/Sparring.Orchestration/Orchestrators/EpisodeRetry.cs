using Microsoft.DurableTask;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Orchestrators;

/// <summary>How activities are retried: transient faults only, with exponential backoff; anything else fails at once.</summary>
internal static class EpisodeRetry
{
    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(1),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(30))
    {
        HandleFailure = failure => failure.IsCausedBy<TransientFaultException>(),
    });
}
