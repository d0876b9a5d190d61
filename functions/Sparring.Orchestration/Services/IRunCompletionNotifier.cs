using Sparring.Orchestration.Contracts;

namespace Sparring.Orchestration.Services;

/// <summary>Tells a tenant that a run ended (the Function App's signed HTTP callback).</summary>
public interface IRunCompletionNotifier
{
    /// <summary>
    /// One delivery attempt; returns delivered, failed (the last attempt failed) or none (nowhere to send). Throws
    /// when the attempt failed and <see cref="RunCompletionNotice.MaxAttempts"/> are not used up, so the retry policy retries.
    /// </summary>
    Task<string> NotifyAsync(RunCompletionNotice notice, CancellationToken cancellationToken);
}
