using Microsoft.Extensions.Logging;
using Sparring.EmbeddedHost;
using Sparring.Orchestration.Services;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Cli.Nightly;

/// <summary>
/// Training jobs of a local nightly run: trained in this process by the worker's runner, one at a time, and reported to
/// the waiting orchestration as the worker would, by raising TrainingCompleted on it.
/// </summary>
internal sealed class LocalTrainingJobs(ITrainingJobRunner runner, Func<EmbeddedDurableHost> host, ILogger<LocalTrainingJobs> logger, CancellationToken stopping) : ITrainingJobSubmitter, IAsyncDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly List<Task> _running = [];

    /// <inheritdoc />
    public Task SubmitAsync(TrainingJob job, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        // The activity only queues the job, as sending it to Service Bus would; the orchestration waits for the event.
        lock (_running)
        {
            _running.Add(Task.Run(() => TrainAsync(job, instanceId), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    private async Task TrainAsync(TrainingJob job, string instanceId)
    {
        await _oneAtATime.WaitAsync(stopping).ConfigureAwait(false);
        TrainingJobCompletedEvent completed;
        try
        {
            logger.LogInformation("Training job {JobId}: {Kind} of {Output} from {Base}", job.JobId, job.Kind, job.Output, job.BaseCheckpoint);
            var result = await runner.RunAsync(job, stopping).ConfigureAwait(false);
            completed = new TrainingJobCompletedEvent(job.JobId, TrainingJobStatus.Succeeded, result.Checkpoint, result.AlreadyTrained, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Training job {JobId} failed", job.JobId);
            completed = new TrainingJobCompletedEvent(job.JobId, TrainingJobStatus.Failed, null, false, ex.Message);
        }
        finally
        {
            _oneAtATime.Release();
        }

        await host().RaiseEventAsync(instanceId, TrainingJobCompletedEvent.EventName, completed).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped with the command: the runner saved what it could to resume from.
        }

        _oneAtATime.Dispose();
    }
}
