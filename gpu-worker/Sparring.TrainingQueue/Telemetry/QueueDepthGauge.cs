using System.Diagnostics.Metrics;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Sparring.TrainingQueue.Telemetry;

/// <summary>
/// The Storage queue's approximate message count as the gauge <c>sparring.queue.depth</c>, read when the metrics are
/// collected (once an export interval: one cheap properties request). Service Bus has no such gauge here: its runtime
/// properties need Manage rights the worker does not have; its namespace's ActiveMessages platform metric shows it.
/// </summary>
internal sealed class QueueDepthGauge : IDisposable
{
    // A collection must not hang on an unreachable queue: no reading is better than a late one.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);
    private readonly Meter _meter = new(WorkerTelemetry.Name);
    private readonly QueueClient _queue;
    private readonly ILogger _logger;

    /// <summary>Publishes the gauge of <paramref name="queue"/> until disposed.</summary>
    public QueueDepthGauge(QueueClient queue, ILogger logger)
    {
        _queue = queue;
        _logger = logger;
        _meter.CreateObservableGauge("sparring.queue.depth", Read, "{message}", "Approximate messages waiting in the training queue.");
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> Read()
    {
        try
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var count = _queue.GetProperties(timeout.Token).Value.ApproximateMessagesCount;
            return [new Measurement<int>(count, new KeyValuePair<string, object?>("messaging.destination.name", _queue.Name))];
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
        {
            _logger.LogDebug(ex, "Storage queue {Queue}: its depth could not be read", _queue.Name);
            return [];
        }
    }
}
