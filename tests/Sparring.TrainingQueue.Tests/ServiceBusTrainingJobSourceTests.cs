using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.ServiceBus;

namespace Sparring.TrainingQueue.Tests;

public class ServiceBusTrainingJobSourceTests
{
    private static TrainingWorkerOptions Options() => new()
    {
        Queue = TrainingQueueKind.ServiceBus,
        QueueName = "gpu-jobs",
        LockRenewalDuration = TimeSpan.FromHours(9),
        ServiceBusConnectionString = "Endpoint=sb://sparring-test.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==",
    };

    private static (ServiceProvider Services, FakeServiceBusProcessor Processor, List<ServiceBusProcessorOptions> Created) Compose(ITrainingJobRunner runner)
    {
        var processor = new FakeServiceBusProcessor();
        var created = new List<ServiceBusProcessorOptions>();
        var client = new Mock<ServiceBusClient>();
        client.Setup(c => c.CreateProcessor("gpu-jobs", It.IsAny<ServiceBusProcessorOptions>()))
            .Callback<string, ServiceBusProcessorOptions>((_, options) => created.Add(options))
            .Returns(processor);
        var services = Jobs.Services(Options(), runner, s => s.AddSingleton(client.Object));
        return (services, processor, created);
    }

    [Fact]
    public async Task The_queue_is_read_with_peek_lock_one_message_at_a_time_and_long_lock_renewal()
    {
        var (services, processor, created) = Compose(FakeRunner.Succeeding());
        await using var _ = services;
        var source = Assert.IsType<ServiceBusTrainingJobSource>(Assert.Single(services.GetServices<IHostedService>()));

        await source.StartAsync(CancellationToken.None);

        Assert.True(processor.Started);
        var options = Assert.Single(created);
        Assert.Equal(ServiceBusReceiveMode.PeekLock, options.ReceiveMode);
        Assert.False(options.AutoCompleteMessages);
        Assert.Equal(1, options.MaxConcurrentCalls);
        Assert.Equal(0, options.PrefetchCount);
        Assert.Equal(TimeSpan.FromHours(9), options.MaxAutoLockRenewalDuration);
        await source.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_delivered_message_is_trained_and_completed()
    {
        var runner = FakeRunner.Succeeding();
        var (services, processor, _) = Compose(runner);
        await using var _ = services;
        var source = services.GetServices<IHostedService>().Single();
        await source.StartAsync(CancellationToken.None);
        var args = new Mock<ProcessMessageEventArgs>(Message(), Mock.Of<ServiceBusReceiver>(), processor.StoppingToken) { CallBase = false };

        await processor.DeliverAsync(args.Object);

        Assert.Equal(1, runner.Runs);
        args.Verify(a => a.CompleteMessageAsync(args.Object.Message, It.IsAny<CancellationToken>()), Times.Once);
        await source.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stopping_the_worker_interrupts_the_running_job_and_abandons_its_message()
    {
        var training = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpointSaved = false;
        var runner = new FakeRunner(async (_, token) =>
        {
            training.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                checkpointSaved = true;
            }

            throw new InvalidOperationException("unreachable");
        });
        var (services, processor, _) = Compose(runner);
        await using var _ = services;
        var source = services.GetServices<IHostedService>().Single();
        await source.StartAsync(CancellationToken.None);
        var args = new Mock<ProcessMessageEventArgs>(Message(), Mock.Of<ServiceBusReceiver>(), processor.StoppingToken) { CallBase = false };
        var handling = processor.DeliverAsync(args.Object);
        await training.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await source.StopAsync(CancellationToken.None);

        Assert.True(handling.IsCompleted);
        Assert.True(checkpointSaved);
        args.Verify(a => a.AbandonMessageAsync(args.Object.Message, null, It.IsAny<CancellationToken>()), Times.Once);
        args.VerifyNoOtherCalls();
    }

    private static ServiceBusReceivedMessage Message() =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString(Jobs.Body(Jobs.Sample())), messageId: "m-1", deliveryCount: 1);

    /// <summary>A processor that delivers what the test hands it and, like the real one, cancels handlers' tokens and waits for them on stop.</summary>
    private sealed class FakeServiceBusProcessor : ServiceBusProcessor
    {
        private readonly CancellationTokenSource _stopping = new();
        private Task _inFlight = Task.CompletedTask;

        public bool Started { get; private set; }

        public CancellationToken StoppingToken => _stopping.Token;

        public Task DeliverAsync(ProcessMessageEventArgs args) => _inFlight = OnProcessMessageAsync(args);

        public override Task StartProcessingAsync(CancellationToken cancellationToken = default)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public override async Task StopProcessingAsync(CancellationToken cancellationToken = default)
        {
            await _stopping.CancelAsync();
            await _inFlight;
        }
    }
}
