using Sparring.Abstractions.TrainingJobs;

namespace Sparring.TrainingQueue.Processing;

/// <summary>What a transport does with a training-job message once the job has been tried.</summary>
public abstract record TrainingJobDisposition
{
    private TrainingJobDisposition()
    {
    }

    /// <summary>The job ended (or was already trained): remove the message.</summary>
    /// <param name="Result">How the job ended.</param>
    public sealed record Complete(TrainingJobResult Result) : TrainingJobDisposition;

    /// <summary>The attempt failed and attempts are left: give the message back for another delivery.</summary>
    /// <param name="Error">Why the attempt failed.</param>
    public sealed record Retry(Exception Error) : TrainingJobDisposition;

    /// <summary>The message can never succeed: move it aside with the reason.</summary>
    /// <param name="Reason">A short code: MalformedJob, PermanentFailure or MaxAttemptsExceeded.</param>
    /// <param name="Description">What went wrong, for a person.</param>
    public sealed record DeadLetter(string Reason, string Description) : TrainingJobDisposition;

    /// <summary>The worker no longer holds the message: settle nothing; it is delivered again.</summary>
    public sealed record LockLost : TrainingJobDisposition;

    /// <summary>The worker is stopping and the job was interrupted: give the message back at once.</summary>
    public sealed record Stopping : TrainingJobDisposition;
}
