using Microsoft.DurableTask;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration.Activities;

/// <summary>One attempt at the run's completion callback; the orchestrator's retry policy spaces the attempts out.</summary>
public sealed class NotifyRunCompletedActivity(IRunCompletionNotifier notifier) : TaskActivity<RunCompletionNotice, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(TaskActivityContext context, RunCompletionNotice input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return notifier.NotifyAsync(input, CancellationToken.None);
    }
}
