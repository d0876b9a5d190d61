using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sparring.TrainingQueue.DependencyInjection;
using Sparring.TrainingQueue.InProcess;
using Sparring.TrainingQueue.ServiceBus;
using Sparring.TrainingQueue.StorageQueues;

namespace Sparring.TrainingQueue.Tests;

public class TrainingWorkerOptionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("Worker:" + s.Key, (string?)s.Value))).Build();

    [Fact]
    public void Settings_are_read_from_the_worker_section()
    {
        var options = TrainingWorkerOptions.FromConfiguration(Configuration(
            ("Queue", "azurite"), ("QueueName", "jobs"), ("PoisonQueueName", "jobs-dead"), ("MaxAttempts", "5"), ("LockRenewalDuration", "12:00:00"),
            ("VisibilityTimeout", "00:01:00"), ("RetryDelay", "00:00:30"), ("StorageConnectionString", "UseDevelopmentStorage=true"), ("Notification:Attempts", "7")));

        Assert.Equal(TrainingQueueKind.Azurite, options.Queue);
        Assert.Equal(("jobs", "jobs-dead", 5), (options.QueueName, options.PoisonQueueName, options.MaxAttempts));
        Assert.Equal(TimeSpan.FromHours(12), options.LockRenewalDuration);
        Assert.Equal(TimeSpan.FromMinutes(1), options.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RetryDelay);
        Assert.Equal(7, options.Notification.Attempts);
    }

    [Fact]
    public void Defaults_suit_long_jobs_on_service_bus()
    {
        var options = TrainingWorkerOptions.FromConfiguration(Configuration(("ServiceBusNamespace", "sparring.servicebus.windows.net")));

        Assert.Equal(TrainingQueueKind.ServiceBus, options.Queue);
        Assert.Equal("training-jobs", options.QueueName);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(6), options.LockRenewalDuration);
    }

    [Theory]
    [InlineData("Worker:ServiceBusConnectionString", "Queue", "servicebus")]
    [InlineData("Worker:MaxAttempts", "MaxAttempts", "0")]
    [InlineData("Worker:VisibilityTimeout", "VisibilityTimeout", "00:00:01.5")]
    [InlineData("Worker:Queue", "Queue", "rabbitmq")]
    [InlineData("Worker:LockRenewalDuraton", "LockRenewalDuraton", "01:00:00")]
    public void A_bad_setting_is_refused_naming_its_key(string named, string key, string value)
    {
        var settings = new List<(string, string)> { (key, value) };
        if (key == "VisibilityTimeout")
        {
            settings.Add(("Queue", "azurite"));
        }
        else if (key != "Queue")
        {
            settings.Add(("Queue", "inprocess"));
        }

        var error = Assert.ThrowsAny<InvalidOperationException>(() => TrainingWorkerOptions.FromConfiguration(Configuration([.. settings])));

        Assert.Contains(named.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("servicebus", typeof(ServiceBusTrainingJobSource))]
    [InlineData("azurite", typeof(StorageQueueTrainingJobSource))]
    [InlineData("inprocess", typeof(InProcessTrainingJobSource))]
    public async Task The_configured_queue_is_the_one_hosted_service(string queue, Type source)
    {
        var services = new ServiceCollection()
            .AddTrainingWorker(Configuration(("Queue", queue), ("ServiceBusConnectionString", "Endpoint=sb://sparring-test.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==")))
            .AddSingleton<Sparring.Abstractions.TrainingJobs.ITrainingJobRunner>(FakeRunner.Succeeding());
        await using var provider = services.BuildServiceProvider();

        Assert.IsType(source, Assert.Single(provider.GetServices<IHostedService>()));
    }
}
