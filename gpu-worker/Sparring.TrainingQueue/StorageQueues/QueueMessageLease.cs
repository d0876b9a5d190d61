using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Sparring.TrainingQueue.StorageQueues;

/// <summary>
/// Keeps a received Storage queue message hidden while its job runs, the Storage equivalent of Service Bus lock
/// renewal: every half visibility timeout it extends the visibility timeout and takes the new pop receipt. When the
/// message is gone (deleted, or received by another worker after its timeout ran out) or the renewal duration is
/// spent, <see cref="LockLost"/> is cancelled.
/// </summary>
internal sealed class QueueMessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly TrainingWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lockLost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public QueueMessageLease(QueueClient queue, QueueMessage message, TrainingWorkerOptions options, ILogger logger)
    {
        (_queue, _options, _logger) = (queue, options, logger);
        MessageId = message.MessageId;
        PopReceipt = message.PopReceipt;
        _renewing = RenewAsync(message.NextVisibleOn ?? DateTimeOffset.UtcNow + options.VisibilityTimeout);
    }

    /// <summary>The message's id.</summary>
    public string MessageId { get; }

    /// <summary>The pop receipt of the latest extension: settlement needs it.</summary>
    public string PopReceipt { get; private set; }

    /// <summary>Cancelled when the worker no longer holds the message.</summary>
    public CancellationToken LockLost => _lockLost.Token;

    /// <summary>Stops extending the visibility (before settling, so the pop receipt no longer changes).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewing.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _lockLost.Dispose();
    }

    private async Task RenewAsync(DateTimeOffset hiddenUntil)
    {
        var renewUntil = DateTimeOffset.UtcNow + _options.LockRenewalDuration;
        var period = _options.VisibilityTimeout / 2;
        try
        {
            while (DateTimeOffset.UtcNow + period < renewUntil)
            {
                await Task.Delay(period, _stop.Token).ConfigureAwait(false);
                try
                {
                    var receipt = await _queue.UpdateMessageAsync(MessageId, PopReceipt, visibilityTimeout: _options.VisibilityTimeout, cancellationToken: _stop.Token).ConfigureAwait(false);
                    PopReceipt = receipt.Value.PopReceipt;
                    hiddenUntil = receipt.Value.NextVisibleOn;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    _logger.LogWarning("Message {MessageId} is no longer ours (deleted, or received by another worker); interrupting its job", MessageId);
                    await _lockLost.CancelAsync().ConfigureAwait(false);
                    return;
                }
                catch (RequestFailedException ex)
                {
                    // A transient failure: the next extension may still come before the message shows again.
                    _logger.LogWarning(ex, "Message {MessageId}: extending its visibility failed; trying again in {Period}", MessageId, period);
                }
            }

            // Renewal spent, as Service Bus's MaxAutoLockRenewalDuration: the lock is lost once the message shows again.
            var left = hiddenUntil - DateTimeOffset.UtcNow;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, _stop.Token).ConfigureAwait(false);
            }

            _logger.LogWarning("Message {MessageId}: its lock renewal ({Duration}) is spent; interrupting its job", MessageId, _options.LockRenewalDuration);
            await _lockLost.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped before settling.
        }
    }
}
