using Sparring.Abstractions.TrainingJobs;

namespace Sparring.TrainingQueue.InProcess;

/// <summary>A job posted to the <see cref="InProcessTrainingQueue"/> and the task its submitter awaits.</summary>
internal sealed class InProcessSubmission(TrainingJob job, CancellationToken cancellationToken)
{
    private const int Queued = 0, Started = 1, Withdrawn = 2;
    private readonly TaskCompletionSource<TrainingJobResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state = Queued;

    public TrainingJob Job { get; } = job;

    /// <summary>The submitter's token: it interrupts the job as the worker stopping would.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task<TrainingJobResult> Result => _result.Task;

    /// <summary>Marks the job as running; false when its submitter withdrew it first.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;

    /// <summary>Takes a job that has not started off the queue (its submitter cancelled); a running job is left to stop itself.</summary>
    public void Withdraw()
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued)
        {
            _result.TrySetCanceled(CancellationToken);
        }
    }

    public void Succeed(TrainingJobResult result) => _result.TrySetResult(result);

    public void Fail(Exception error) => _result.TrySetException(error);

    public void Cancel(CancellationToken token) => _result.TrySetCanceled(token);
}
