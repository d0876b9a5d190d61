using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.Notification;
using Sparring.TrainingQueue.Telemetry;

namespace Sparring.TrainingQueue.Processing;

/// <summary>
/// The settlement rules every queue shares: runs a delivered job and says what the transport does with its message.
/// Malformed messages and jobs that can never succeed are dead-lettered at once, a failed attempt is retried until
/// <see cref="TrainingWorkerOptions.MaxAttempts"/> deliveries and then dead-lettered, a job interrupted because the
/// worker stops goes back to the queue, and one interrupted because its lock was lost settles nothing. When a job ends
/// for good (completed or dead-lettered), its completion target is notified before the message is settled, so a lost
/// settlement costs a duplicate notification rather than a missing one.
/// </summary>
public sealed class TrainingJobProcessor(ITrainingJobRunner runner, TrainingJobNotifier notifier, TrainingWorkerOptions options, ILogger<TrainingJobProcessor> logger)
{
    // Service Bus caps a dead-letter description at 4,096 characters; a Storage message at 64 KiB.
    private const int MaxDescriptionLength = 4096;

    /// <summary>Deliveries after which a failing job is dead-lettered.</summary>
    public int MaxAttempts => options.MaxAttempts;

    /// <summary>Parses a message body (a <see cref="TrainingJob"/> in UTF-8 JSON) and processes the job.</summary>
    /// <param name="body">The message body.</param>
    /// <param name="messageId">The transport's message id, for logs.</param>
    /// <param name="deliveryCount">How many times the message has been delivered, this delivery included.</param>
    /// <param name="stopping">Cancelled when the worker stops.</param>
    /// <param name="lockLost">Cancelled when the worker no longer holds the message.</param>
    public Task<TrainingJobDisposition> ProcessAsync(BinaryData body, string messageId, int deliveryCount, CancellationToken stopping, CancellationToken lockLost)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (job, problem) = Parse(body);
        if (job is null)
        {
            logger.LogError("Message {MessageId} is malformed ({Problem}); dead-lettering it", messageId, problem);
            return Task.FromResult<TrainingJobDisposition>(new TrainingJobDisposition.DeadLetter("MalformedJob", Truncate(problem)));
        }

        return ProcessAsync(job, deliveryCount, stopping, lockLost);
    }

    /// <summary>Processes a job that is already parsed (the in-process queue).</summary>
    /// <param name="job">The job.</param>
    /// <param name="deliveryCount">How many times the job has been delivered, this delivery included.</param>
    /// <param name="stopping">Cancelled when the worker stops (or the submitter gives up).</param>
    /// <param name="lockLost">Cancelled when the worker no longer holds the message.</param>
    public async Task<TrainingJobDisposition> ProcessAsync(TrainingJob job, int deliveryCount, CancellationToken stopping, CancellationToken lockLost)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var activity = WorkerTelemetry.StartJob(job, deliveryCount);
        var disposition = await SettleAsync(job, deliveryCount, stopping, lockLost).ConfigureAwait(false);
        WorkerTelemetry.Settled(activity, job, disposition);
        return disposition;
    }

    private async Task<TrainingJobDisposition> SettleAsync(TrainingJob job, int deliveryCount, CancellationToken stopping, CancellationToken lockLost)
    {
        TrainingJobDisposition disposition;
        TrainingJobCompletedEvent completed;
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(stopping, lockLost);
        try
        {
            var result = await runner.RunAsync(job, interrupted.Token).ConfigureAwait(false);
            logger.LogInformation("Job {JobId} ({Kind}) {Outcome}: {Model} {Version}", job.JobId, job.Kind, result.AlreadyTrained ? "was already trained" : "trained", result.Checkpoint.Name, result.Checkpoint.Version);
            disposition = new TrainingJobDisposition.Complete(result);
            completed = new TrainingJobCompletedEvent(job.JobId, TrainingJobStatus.Succeeded, result.Checkpoint, result.AlreadyTrained, Error: null);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            logger.LogInformation("Job {JobId}: the worker is stopping; the message goes back to the queue", job.JobId);
            return new TrainingJobDisposition.Stopping();
        }
        catch (OperationCanceledException) when (lockLost.IsCancellationRequested)
        {
            logger.LogWarning("Job {JobId}: the message lock was lost; it will be delivered again", job.JobId);
            return new TrainingJobDisposition.LockLost();
        }
        catch (PermanentJobFailureException ex)
        {
            logger.LogError(ex, "Job {JobId} can never succeed; dead-lettering it", job.JobId);
            disposition = new TrainingJobDisposition.DeadLetter("PermanentFailure", Truncate(ex.Message));
            completed = Failed(job, ex.Message);
        }
        catch (Exception ex) when (deliveryCount >= MaxAttempts)
        {
            logger.LogError(ex, "Job {JobId} failed on attempt {Attempt} of {MaxAttempts}; dead-lettering it", job.JobId, deliveryCount, MaxAttempts);
            var description = Truncate($"attempt {deliveryCount}: {ex.GetType().Name}: {ex.Message}");
            disposition = new TrainingJobDisposition.DeadLetter("MaxAttemptsExceeded", description);
            completed = Failed(job, description);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Job {JobId} failed on attempt {Attempt} of {MaxAttempts}; it will be retried", job.JobId, deliveryCount, MaxAttempts);
            return new TrainingJobDisposition.Retry(ex);
        }

        await notifier.NotifyAsync(job, completed, stopping).ConfigureAwait(false);
        return disposition;
    }

    private static TrainingJobCompletedEvent Failed(TrainingJob job, string error) =>
        new(job.JobId, TrainingJobStatus.Failed, Checkpoint: null, AlreadyTrained: false, Truncate(error));

    private static string Truncate(string text) => text.Length <= MaxDescriptionLength ? text : string.Concat(text.AsSpan(0, MaxDescriptionLength - 1), "…");

    private static (TrainingJob? Job, string Problem) Parse(BinaryData body)
    {
        try
        {
            return JsonSerializer.Deserialize(body.ToMemory().Span, TrainingJobJsonContext.Default.TrainingJob) switch
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
