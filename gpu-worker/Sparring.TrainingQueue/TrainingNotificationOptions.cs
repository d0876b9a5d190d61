namespace Sparring.TrainingQueue;

/// <summary>How the worker POSTs a job's completion event to its raise-event URL (<c>Worker:Notification</c>).</summary>
public sealed class TrainingNotificationOptions
{
    /// <summary>How many times the POST is tried before the worker gives up and logs it; default 5.</summary>
    public int Attempts { get; set; } = 5;

    /// <summary>The delay before the second try, doubled before each later one; default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one POST may take; default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
