namespace Sparring.TrainingQueue.InProcess;

/// <summary>A job submitted in-process ended without a checkpoint: it was dead-lettered for <see cref="Reason"/>.</summary>
public sealed class TrainingJobFailedException(string jobId, string reason, string description)
    : Exception($"Training job '{jobId}' failed ({reason}): {description}")
{
    /// <summary>The job's id.</summary>
    public string JobId { get; } = jobId;

    /// <summary>PermanentFailure or MaxAttemptsExceeded.</summary>
    public string Reason { get; } = reason;

    /// <summary>What went wrong.</summary>
    public string Description { get; } = description;
}
