using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sparring.TrainingQueue.Processing;
using Sparring.TrainingQueue.Telemetry;

namespace Sparring.TrainingQueue.StorageQueues;

/// <summary>
/// Takes training jobs from an Azure Storage queue (Azurite locally), one at a time, with the same rules as Service
/// Bus: the message stays hidden while its job runs (<see cref="QueueMessageLease"/>); complete deletes it; a retry
/// makes it visible again after <see cref="TrainingWorkerOptions.RetryDelay"/> times its delivery count; a dead letter
/// is copied to the poison queue in a <see cref="PoisonTrainingJobMessage"/> envelope and then deleted; stopping makes
/// it visible again at once. The message's dequeue count is its delivery count.
/// </summary>
public sealed class StorageQueueTrainingJobSource(
    QueueServiceClient service,
    TrainingJobProcessor processor,
    TrainingWorkerOptions options,
    TimeProvider timeProvider,
    ILogger<StorageQueueTrainingJobSource> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = service.GetQueueClient(options.QueueName);
        var poison = service.GetQueueClient(options.PoisonQueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        using var depth = new QueueDepthGauge(queue, logger);
        logger.LogInformation("Taking training jobs from Storage queue {Queue} at {Uri}", options.QueueName, service.Uri);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var message = (await queue.ReceiveMessageAsync(options.VisibilityTimeout, stoppingToken).ConfigureAwait(false)).Value;
                if (message is null)
                {
                    await Task.Delay(options.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await HandleAsync(queue, poison, message, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The queue is unreachable or a settlement failed: the message shows again after its timeout.
                logger.LogError(ex, "Storage queue {Queue}: receiving or settling failed; trying again in {Delay}", options.QueueName, options.PollInterval);
                try
                {
                    await Task.Delay(options.PollInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var deliveryCount = (int)Math.Min(message.DequeueCount, int.MaxValue);
        await using var lease = new QueueMessageLease(queue, message, options, logger);
        var disposition = await processor.ProcessAsync(QueueMessageText.Decode(message.Body), message.MessageId, deliveryCount, stoppingToken, lease.LockLost).ConfigureAwait(false);
        await lease.StopAsync().ConfigureAwait(false);

        // Settled with no cancellation: when the worker stops, giving the message back is the point.
        try
        {
            switch (disposition)
            {
                case TrainingJobDisposition.Complete:
                    await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, CancellationToken.None).ConfigureAwait(false);
                    break;
                case TrainingJobDisposition.Retry:
                    await queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: options.RetryDelay * deliveryCount, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    break;
                case TrainingJobDisposition.Stopping:
                    await queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    break;
                case TrainingJobDisposition.DeadLetter deadLetter:
                    var envelope = new PoisonTrainingJobMessage(message.MessageId, deliveryCount, deadLetter.Reason, deadLetter.Description, timeProvider.GetUtcNow(), message.Body.ToString());
                    var json = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(envelope, StorageQueueJsonContext.Default.PoisonTrainingJobMessage));
                    // Copied before it is deleted: a crash in between leaves a duplicate on the poison queue, never a loss.
                    await poison.SendMessageAsync(json, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, CancellationToken.None).ConfigureAwait(false);
                    logger.LogWarning("Message {MessageId} moved to {PoisonQueue}: {Reason}", message.MessageId, options.PoisonQueueName, deadLetter.Reason);
                    break;
                case TrainingJobDisposition.LockLost:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown disposition {disposition}.");
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            logger.LogWarning("Message {MessageId}: it was no longer ours when settled; it will be delivered again", message.MessageId);
        }
    }
}
