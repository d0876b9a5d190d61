using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.StorageQueues;

namespace Sparring.TrainingQueue.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueTrainingJobSourceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _name = $"jobs-{Guid.NewGuid():N}"[..24];
    private readonly List<ServiceProvider> _workers = [];

    private QueueClient Queue => new(azurite.ConnectionString, _name);

    private QueueClient Poison => new(azurite.ConnectionString, _name + "-poison");

    public async Task InitializeAsync() => await Queue.CreateIfNotExistsAsync();

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_job_that_trains_is_deleted_from_the_queue(bool base64)
    {
        var runner = FakeRunner.Succeeding();
        var body = Jobs.Body(Jobs.Sample());
        await Queue.SendMessageAsync(base64 ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body)) : body);

        var worker = await StartAsync(runner);
        await Eventually.TrueAsync(async () => runner.Runs == 1 && await CountAsync(Queue) == 0, "the message to be deleted");
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(1, runner.Runs);
    }

    [Fact]
    public async Task A_failing_job_is_retried_then_moved_to_the_poison_queue_with_the_reason()
    {
        var runner = FakeRunner.Failing(new IOException("blob timeout"));
        var body = Jobs.Body(Jobs.Sample());
        await Queue.SendMessageAsync(body);

        var worker = await StartAsync(runner);
        await Eventually.TrueAsync(async () => await CountAsync(Poison) == 1, "the message to reach the poison queue");
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(3, runner.Runs);
        Assert.Equal(0, await CountAsync(Queue));
        var poisoned = await ReadPoisonAsync();
        Assert.Equal("MaxAttemptsExceeded", poisoned.Reason);
        Assert.Contains("attempt 3: IOException: blob timeout", poisoned.Description, StringComparison.Ordinal);
        Assert.Equal(3, poisoned.DeliveryCount);
        Assert.Equal(body, poisoned.Body);
    }

    [Fact]
    public async Task A_malformed_message_goes_to_the_poison_queue_without_running()
    {
        var runner = FakeRunner.Succeeding();
        await Queue.SendMessageAsync("""{"jobId":"j","tenant":"t","kind":"dance"}""");

        var worker = await StartAsync(runner);
        await Eventually.TrueAsync(async () => await CountAsync(Poison) == 1, "the message to reach the poison queue");
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(0, runner.Runs);
        var poisoned = await ReadPoisonAsync();
        Assert.Equal("MalformedJob", poisoned.Reason);
        Assert.Contains("not a training job", poisoned.Description, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(Queue));
    }

    [Fact]
    public async Task A_slow_job_keeps_its_message_hidden_from_other_receivers()
    {
        // Three visibility timeouts (2 s each): without extensions the message would show twice while training.
        var runner = new FakeRunner(async (job, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(6), token);
            return new TrainingJobResult(job.Output, false);
        });
        await Queue.SendMessageAsync(Jobs.Body(Jobs.Sample()));
        var worker = await StartAsync(runner);
        await Eventually.TrueAsync(() => Task.FromResult(runner.Runs == 1), "the job to start");

        var stolen = 0;
        while (runner.Runs == 1 && await CountAsync(Queue) > 0)
        {
            if ((await Queue.ReceiveMessageAsync(TimeSpan.FromSeconds(1))).Value is not null)
            {
                stolen++;
            }

            await Task.Delay(300);
        }

        await worker.StopAsync(CancellationToken.None);
        Assert.Equal(0, stolen);
        Assert.Equal(1, runner.Runs);
        Assert.Equal(0, await CountAsync(Queue));
    }

    [Fact]
    public async Task Stopping_mid_job_makes_the_message_visible_again_at_once()
    {
        var runner = new FakeRunner(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        await Queue.SendMessageAsync(Jobs.Body(Jobs.Sample()));
        var worker = await StartAsync(runner, visibility: TimeSpan.FromMinutes(5));
        await Eventually.TrueAsync(() => Task.FromResult(runner.Runs == 1), "the job to start");

        await worker.StopAsync(CancellationToken.None);

        var again = (await Queue.ReceiveMessageAsync()).Value;
        Assert.NotNull(again);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task A_finished_job_sends_its_completion_event_to_the_reply_queue()
    {
        var replies = new QueueClient(azurite.ConnectionString, _name + "-replies");
        await Queue.SendMessageAsync(Jobs.Body(Jobs.Sample(completion: new CompletionTarget(ReplyQueue: replies.Name))));

        var worker = await StartAsync(FakeRunner.Succeeding());
        await Eventually.TrueAsync(async () => await CountAsync(replies) == 1, "the reply");
        await worker.StopAsync(CancellationToken.None);

        var reply = JsonSerializer.Deserialize((await replies.ReceiveMessageAsync()).Value.Body, TrainingJobEventJsonContext.Default.TrainingJobCompletedEvent)!;
        Assert.Equal(new TrainingJobCompletedEvent("job-1", TrainingJobStatus.Succeeded, Jobs.Sample().Output, false, null), reply);
    }

    private async Task<IHostedService> StartAsync(ITrainingJobRunner runner, TimeSpan? visibility = null)
    {
        var services = Jobs.Services(
            new TrainingWorkerOptions
            {
                Queue = TrainingQueueKind.Azurite,
                QueueName = _name,
                PoisonQueueName = _name + "-poison",
                StorageConnectionString = azurite.ConnectionString,
                VisibilityTimeout = visibility ?? TimeSpan.FromSeconds(2),
                PollInterval = TimeSpan.FromMilliseconds(100),
                RetryDelay = TimeSpan.Zero,
            },
            runner);
        _workers.Add(services);
        var worker = Assert.IsType<StorageQueueTrainingJobSource>(Assert.Single(services.GetServices<IHostedService>()));
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    // The worker creates its poison queue as it starts: a queue not there yet holds nothing.
    private static async Task<int> CountAsync(QueueClient queue) =>
        await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;

    private async Task<PoisonTrainingJobMessage> ReadPoisonAsync()
    {
        var message = (await Poison.ReceiveMessageAsync()).Value;
        return JsonSerializer.Deserialize(message.Body, StorageQueueJsonContext.Default.PoisonTrainingJobMessage)!;
    }
}
