namespace Sparring.TrainingQueue.Notification;

/// <summary>Sends a completion event to a named queue on the transport the job came from.</summary>
public interface IReplyQueue
{
    /// <summary>Sends <paramref name="body"/> (the event's JSON) to <paramref name="queueName"/>; throws when it could not.</summary>
    Task SendAsync(string queueName, string jobId, BinaryData body, CancellationToken cancellationToken);
}
