using Azure;
using Azure.Storage.Queues;
using Sparring.TrainingQueue.Notification;

namespace Sparring.TrainingQueue.StorageQueues;

/// <summary>Sends completion events to Storage queues as plain UTF-8 JSON, creating a queue that does not exist yet.</summary>
public sealed class StorageQueueReplyQueue(QueueServiceClient service) : IReplyQueue
{
    /// <inheritdoc />
    public async Task SendAsync(string queueName, string jobId, BinaryData body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        ArgumentNullException.ThrowIfNull(body);
        var queue = service.GetQueueClient(queueName);
        try
        {
            await queue.SendMessageAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await queue.SendMessageAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
