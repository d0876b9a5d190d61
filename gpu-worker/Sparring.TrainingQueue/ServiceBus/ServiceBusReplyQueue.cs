using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Sparring.TrainingQueue.Notification;

namespace Sparring.TrainingQueue.ServiceBus;

/// <summary>Sends completion events to Service Bus queues, one sender per queue, kept for the worker's lifetime.</summary>
public sealed class ServiceBusReplyQueue(ServiceBusClient client) : IReplyQueue, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task SendAsync(string queueName, string jobId, BinaryData body, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        var sender = _senders.GetOrAdd(queueName, client.CreateSender);
        var message = new ServiceBusMessage(body)
        {
            ContentType = "application/json",
            Subject = Sparring.Abstractions.TrainingJobs.TrainingJobCompletedEvent.EventName,
            CorrelationId = jobId,
        };
        return sender.SendMessageAsync(message, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }

        _senders.Clear();
    }
}
