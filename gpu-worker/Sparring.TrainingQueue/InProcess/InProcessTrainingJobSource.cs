using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sparring.TrainingQueue.Processing;

namespace Sparring.TrainingQueue.InProcess;

/// <summary>
/// Runs the jobs posted to the <see cref="InProcessTrainingQueue"/>, one at a time, under the shared rules: a failed
/// attempt is tried again (after <see cref="TrainingWorkerOptions.RetryDelay"/> times its delivery count) until
/// <see cref="TrainingWorkerOptions.MaxAttempts"/>; a dead-lettered job fails its submitter's task with
/// <see cref="TrainingJobFailedException"/>; stopping (or the submitter cancelling) cancels it.
/// </summary>
public sealed class InProcessTrainingJobSource(
    InProcessTrainingQueue queue,
    TrainingJobProcessor processor,
    TrainingWorkerOptions options,
    TimeProvider timeProvider,
    ILogger<InProcessTrainingJobSource> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Taking training jobs from the in-process queue");
        try
        {
            await foreach (var submission in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!submission.TryStart())
                {
                    continue;
                }

                await RunAsync(submission, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is cancelled below.
        }
        finally
        {
            queue.Close();
            while (queue.Reader.TryRead(out var waiting))
            {
                waiting.Cancel(stoppingToken);
            }
        }
    }

    private async Task RunAsync(InProcessSubmission submission, CancellationToken stoppingToken)
    {
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, submission.CancellationToken);
        for (var delivery = 1; ; delivery++)
        {
            if (interrupted.IsCancellationRequested)
            {
                submission.Cancel(interrupted.Token);
                return;
            }

            switch (await processor.ProcessAsync(submission.Job, delivery, interrupted.Token, CancellationToken.None).ConfigureAwait(false))
            {
                case TrainingJobDisposition.Complete complete:
                    submission.Succeed(complete.Result);
                    return;
                case TrainingJobDisposition.DeadLetter deadLetter:
                    submission.Fail(new TrainingJobFailedException(submission.Job.JobId, deadLetter.Reason, deadLetter.Description));
                    return;
                case TrainingJobDisposition.Retry:
                    try
                    {
                        await Task.Delay(options.RetryDelay * delivery, timeProvider, interrupted.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Cancelled on the next turn.
                    }

                    break;
                case var other:
                    // Stopping (an in-process job holds no lock to lose).
                    logger.LogInformation("Job {JobId}: {Disposition}; its submitter's task is cancelled", submission.Job.JobId, other.GetType().Name);
                    submission.Cancel(interrupted.Token);
                    return;
            }
        }
    }
}
