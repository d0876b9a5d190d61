using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Sparring.TrainingQueue.Processing;

namespace Sparring.TrainingQueue.ServiceBus;

/// <summary>
/// The <see cref="ServiceBusProcessor"/>'s message handler (peek-lock): runs the job through
/// <see cref="TrainingJobProcessor"/> and settles the message as it says: complete, abandon (a retry, or the worker is
/// stopping), dead-letter with the reason, or nothing when the lock was lost (the processor's lock renewal failed or
/// ran out: the job is interrupted and the message comes back; the job's idempotency makes the next delivery cheap).
/// </summary>
public sealed class ServiceBusJobHandler(TrainingJobProcessor processor, ILogger<ServiceBusJobHandler> logger)
{
    /// <summary>The ServiceBusProcessor's ProcessMessageAsync handler.</summary>
    public async Task HandleAsync(ProcessMessageEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var message = args.Message;
        using var lockLost = new CancellationTokenSource();
        Task OnLockLost(MessageLockLostEventArgs _)
        {
            lockLost.Cancel();
            return Task.CompletedTask;
        }

        TrainingJobDisposition disposition;
        args.MessageLockLostAsync += OnLockLost;
        try
        {
            disposition = await processor.ProcessAsync(message.Body, message.MessageId, message.DeliveryCount, args.CancellationToken, lockLost.Token).ConfigureAwait(false);
        }
        finally
        {
            args.MessageLockLostAsync -= OnLockLost;
        }

        try
        {
            // Settled with no cancellation: when the worker stops, giving the message back is the point.
            switch (disposition)
            {
                case TrainingJobDisposition.Complete:
                    await args.CompleteMessageAsync(message, CancellationToken.None).ConfigureAwait(false);
                    break;
                case TrainingJobDisposition.Retry or TrainingJobDisposition.Stopping:
                    await args.AbandonMessageAsync(message, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    break;
                case TrainingJobDisposition.DeadLetter deadLetter:
                    await args.DeadLetterMessageAsync(message, deadLetter.Reason, deadLetter.Description, CancellationToken.None).ConfigureAwait(false);
                    break;
                case TrainingJobDisposition.LockLost:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown disposition {disposition}.");
            }
        }
        catch (ServiceBusException ex) when (ex.Reason == ServiceBusFailureReason.MessageLockLost)
        {
            logger.LogWarning(ex, "Message {MessageId}: the lock was lost before it was settled; it will be delivered again", message.MessageId);
        }
    }
}
