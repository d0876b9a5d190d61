using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace Sparring.TrainingJobs;

/// <summary>
/// Settles each training-job message (peek-lock): completes it when the job ends or was already trained, abandons it
/// after a failed attempt so Service Bus redelivers it, and dead-letters it with the reason when it is malformed, can
/// never succeed, or has failed <see cref="MaxAttempts"/> times. A lost lock settles nothing: the message comes back,
/// and the job's idempotency makes the second delivery cheap.
/// </summary>
public sealed class TrainingJobDispatcher(ITrainingJobRunner runner, ILogger<TrainingJobDispatcher> logger, int maxAttempts = 3)
{
    /// <summary>Deliveries after which a failing job is dead-lettered.</summary>
    public int MaxAttempts { get; } = maxAttempts;

    /// <summary>The ServiceBusProcessor's ProcessMessageAsync handler.</summary>
    public async Task HandleAsync(ProcessMessageEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var message = args.Message;
        var (job, problem) = Parse(message);
        if (job is null)
        {
            logger.LogError("Message {MessageId} is malformed ({Problem}); dead-lettering it", message.MessageId, problem);
            await args.DeadLetterMessageAsync(message, "MalformedJob", problem, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        try
        {
            var result = await runner.RunAsync(job, args.CancellationToken).ConfigureAwait(false);
            logger.LogInformation("Job {JobId} ({Kind}) {Outcome}: {Model} {Version}", job.JobId, job.Kind, result.AlreadyTrained ? "was already trained" : "trained", result.Checkpoint.Name, result.Checkpoint.Version);
            await args.CompleteMessageAsync(message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ServiceBusException ex) when (ex.Reason == ServiceBusFailureReason.MessageLockLost)
        {
            logger.LogWarning(ex, "Job {JobId}: the message lock was lost; it will be delivered again", job.JobId);
        }
        catch (OperationCanceledException) when (args.CancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Job {JobId}: the worker is stopping; the message goes back to the queue", job.JobId);
            await args.AbandonMessageAsync(message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (PermanentJobFailureException ex)
        {
            logger.LogError(ex, "Job {JobId} can never succeed; dead-lettering it", job.JobId);
            await args.DeadLetterMessageAsync(message, "PermanentFailure", ex.Message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (message.DeliveryCount >= MaxAttempts)
        {
            logger.LogError(ex, "Job {JobId} failed on attempt {Attempt} of {MaxAttempts}; dead-lettering it", job.JobId, message.DeliveryCount, MaxAttempts);
            await args.DeadLetterMessageAsync(message, "MaxAttemptsExceeded", $"attempt {message.DeliveryCount}: {ex.GetType().Name}: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} failed on attempt {Attempt} of {MaxAttempts}; it will be retried", job.JobId, message.DeliveryCount, MaxAttempts);
            await args.AbandonMessageAsync(message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static (TrainingJob? Job, string Problem) Parse(ServiceBusReceivedMessage message)
    {
        try
        {
            return JsonSerializer.Deserialize(message.Body.ToMemory().Span, TrainingJobJsonContext.Default.TrainingJob) switch
            {
                null => (null, "the body is JSON null"),
                { SchemaVersion: not TrainingJob.CurrentSchemaVersion } job => (null, $"schema version '{job.SchemaVersion}' is not {TrainingJob.CurrentSchemaVersion}"),
                var job => (job, string.Empty),
            };
        }
        catch (JsonException ex)
        {
            return (null, $"not a training job: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            // Records that check their values on construction (a model name that is no path segment) throw this.
            return (null, $"not a valid training job: {ex.Message}");
        }
    }
}
