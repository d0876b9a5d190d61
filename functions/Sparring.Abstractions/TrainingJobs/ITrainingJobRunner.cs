using Sparring.Abstractions.Storage;

namespace Sparring.Abstractions.TrainingJobs;

/// <summary>Runs one training job to its end: trains (or finds its checkpoint already there), saves, notifies.</summary>
public interface ITrainingJobRunner
{
    /// <summary>
    /// Runs the job. Throws <see cref="PermanentJobFailureException"/> for a job that can never succeed (bad
    /// hyperparameters, a missing dataset); any other exception counts as a failed attempt worth retrying.
    /// Cancellation means the worker is stopping: the runner saves what lets the job resume, then throws.
    /// </summary>
    Task<TrainingJobResult> RunAsync(TrainingJob job, CancellationToken cancellationToken);
}

/// <summary>How a job ended: trained now, or found already trained (a redelivered message).</summary>
/// <param name="Checkpoint">The output checkpoint.</param>
/// <param name="AlreadyTrained">Whether the checkpoint existed before this attempt.</param>
public sealed record TrainingJobResult(ModelReference Checkpoint, bool AlreadyTrained);

/// <summary>A job that can never succeed, whatever the number of attempts; it is dead-lettered at once.</summary>
public sealed class PermanentJobFailureException(string message, Exception? inner = null) : Exception(message, inner);
