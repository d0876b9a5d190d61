using System.Threading.Channels;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.TrainingQueue.InProcess;

/// <summary>
/// A queue that code in the worker's own process posts jobs to and awaits, as the CLI's train command does;
/// <see cref="InProcessTrainingJobSource"/> runs them one at a time under the same rules as the other queues.
/// </summary>
public sealed class InProcessTrainingQueue
{
    private readonly Channel<InProcessSubmission> _channel = Channel.CreateUnbounded<InProcessSubmission>(new UnboundedChannelOptions { SingleReader = true });

    internal ChannelReader<InProcessSubmission> Reader => _channel.Reader;

    /// <summary>
    /// Queues <paramref name="job"/> and waits for it to end. Cancelling <paramref name="cancellationToken"/> takes a
    /// waiting job off the queue, or interrupts a running one (its runner saves a checkpoint to resume from).
    /// </summary>
    /// <returns>The trained checkpoint.</returns>
    /// <exception cref="TrainingJobFailedException">The job can never succeed or failed every attempt.</exception>
    /// <exception cref="OperationCanceledException">The submitter cancelled, or the worker stopped before the job ended.</exception>
    /// <exception cref="InvalidOperationException">The worker has stopped and takes no more jobs.</exception>
    public async Task<TrainingJobResult> SubmitAsync(TrainingJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var submission = new InProcessSubmission(job, cancellationToken);
        if (!_channel.Writer.TryWrite(submission))
        {
            throw new InvalidOperationException($"Training job '{job.JobId}' was not queued: the training worker has stopped.");
        }

        // A job still waiting is withdrawn at once; a running one ends through its runner's cancellation.
        await using var withdraw = cancellationToken.Register(submission.Withdraw).ConfigureAwait(false);
        return await submission.Result.ConfigureAwait(false);
    }

    /// <summary>Takes no more jobs (the worker is stopping).</summary>
    internal void Close() => _channel.Writer.TryComplete();
}
