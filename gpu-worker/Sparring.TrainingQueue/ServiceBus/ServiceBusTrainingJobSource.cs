using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sparring.TrainingQueue.ServiceBus;

/// <summary>
/// Takes training jobs from a Service Bus queue: peek-lock, one message at a time (a GPU trains one job), no
/// auto-complete, and the lock renewed for <see cref="TrainingWorkerOptions.LockRenewalDuration"/> while a job runs.
/// Stopping stops the processor, which cancels the running job's token: the runner saves a checkpoint to resume from
/// and the message is abandoned, so the next worker picks the job up again.
/// </summary>
public sealed class ServiceBusTrainingJobSource(
    ServiceBusClient client,
    ServiceBusJobHandler handler,
    TrainingWorkerOptions options,
    ILogger<ServiceBusTrainingJobSource> logger) : IHostedService, IAsyncDisposable
{
    private ServiceBusProcessor? _processor;

    /// <summary>The processor options this source uses.</summary>
    public static ServiceBusProcessorOptions ProcessorOptions(TrainingWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ServiceBusProcessorOptions
        {
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            AutoCompleteMessages = false,
            MaxConcurrentCalls = 1,
            // A prefetched message's lock runs out while the current job trains.
            PrefetchCount = 0,
            MaxAutoLockRenewalDuration = options.LockRenewalDuration,
        };
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var processor = client.CreateProcessor(options.QueueName, ProcessorOptions(options));
        processor.ProcessMessageAsync += handler.HandleAsync;
        processor.ProcessErrorAsync += OnErrorAsync;
        _processor = processor;
        await processor.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Taking training jobs from Service Bus queue {Queue} on {Namespace}", options.QueueName, client.FullyQualifiedNamespace);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_processor is { } processor)
        {
            logger.LogInformation("Stopping: the job in progress, if any, is interrupted and its message given back");
            await processor.StopProcessingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_processor is { } processor)
        {
            _processor = null;
            await processor.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        logger.LogError(args.Exception, "Service Bus error ({Source}) on {EntityPath}", args.ErrorSource, args.EntityPath);
        return Task.CompletedTask;
    }
}
