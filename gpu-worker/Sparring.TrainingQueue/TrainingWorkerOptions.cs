using Microsoft.Extensions.Configuration;

namespace Sparring.TrainingQueue;

/// <summary>
/// The worker's queue and its settlement rules, read from the <c>Worker</c> configuration section (environment
/// variables <c>Worker__Queue</c>, <c>Worker__ServiceBusNamespace</c>, …). gpu-worker/README.md lists every key.
/// </summary>
public sealed class TrainingWorkerOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Worker";

    /// <summary>Where jobs come from; default Service Bus.</summary>
    public TrainingQueueKind Queue { get; set; } = TrainingQueueKind.ServiceBus;

    /// <summary>The queue jobs are taken from; default "training-jobs".</summary>
    public string QueueName { get; set; } = "training-jobs";

    /// <summary>The Storage queue dead-lettered messages go to (Service Bus has its own dead-letter queue); default "training-jobs-poison".</summary>
    public string PoisonQueueName { get; set; } = "training-jobs-poison";

    /// <summary>Deliveries after which a failing job is dead-lettered; default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long the worker keeps a message locked while its job runs; default 6 h. A job still running then loses its lock and is interrupted.</summary>
    public TimeSpan LockRenewalDuration { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Storage queues: how long each receive or extension hides the message; it is extended every half of it. Default 5 min; whole seconds.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Storage queues: how long to wait before looking again when the queue is empty; default 2 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Storage and in-process queues: the delay before a failed job is tried again, times its delivery count; default 10 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Service Bus: a connection string; or set <see cref="ServiceBusNamespace"/>.</summary>
    public string? ServiceBusConnectionString { get; set; }

    /// <summary>Service Bus: the fully qualified namespace (name.servicebus.windows.net), reached with DefaultAzureCredential.</summary>
    public string? ServiceBusNamespace { get; set; }

    /// <summary>Storage queues: a connection string; Azurite's default (UseDevelopmentStorage=true) when neither it nor <see cref="StorageQueueServiceUri"/> is set.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>Storage queues: the Queue service URI (https://account.queue.core.windows.net), reached with DefaultAzureCredential.</summary>
    public Uri? StorageQueueServiceUri { get; set; }

    /// <summary>How completion events are POSTed.</summary>
    public TrainingNotificationOptions Notification { get; set; } = new();

    /// <summary>Reads the options from the <c>Worker</c> section (absent keys keep their defaults) and validates them.</summary>
    /// <exception cref="InvalidOperationException">A value is malformed, unknown or out of range; the message names the key.</exception>
    public static TrainingWorkerOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<TrainingWorkerOptions>(binder => binder.ErrorOnUnknownConfiguration = true) ?? new TrainingWorkerOptions();
        options.Validate();
        return options;
    }

    /// <summary>Checks the values a worker cannot run with.</summary>
    /// <exception cref="InvalidOperationException">The first problem found, naming its key.</exception>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(QueueName), nameof(QueueName), "must not be empty");
        Require(MaxAttempts >= 1, nameof(MaxAttempts), $"is {MaxAttempts}; it must be at least 1");
        Require(LockRenewalDuration > TimeSpan.Zero, nameof(LockRenewalDuration), "must be positive");
        Require(RetryDelay >= TimeSpan.Zero, nameof(RetryDelay), "must not be negative");
        Require(Notification.Attempts >= 1, "Notification:Attempts", $"is {Notification.Attempts}; it must be at least 1");
        Require(Notification.RetryDelay >= TimeSpan.Zero, "Notification:RetryDelay", "must not be negative");
        Require(Notification.Timeout > TimeSpan.Zero, "Notification:Timeout", "must be positive");
        switch (Queue)
        {
            case TrainingQueueKind.ServiceBus:
                Require(
                    string.IsNullOrWhiteSpace(ServiceBusConnectionString) != string.IsNullOrWhiteSpace(ServiceBusNamespace),
                    nameof(ServiceBusConnectionString),
                    $"or {SectionName}:{nameof(ServiceBusNamespace)}: set exactly one of them for the Service Bus queue");
                break;
            case TrainingQueueKind.Azurite:
                Require(!string.IsNullOrWhiteSpace(PoisonQueueName) && PoisonQueueName != QueueName, nameof(PoisonQueueName), "must be set and differ from QueueName");
                Require(VisibilityTimeout >= TimeSpan.FromSeconds(2) && VisibilityTimeout.Ticks % TimeSpan.TicksPerSecond == 0, nameof(VisibilityTimeout), "must be whole seconds, at least 2");
                Require(PollInterval > TimeSpan.Zero, nameof(PollInterval), "must be positive");
                Require(string.IsNullOrWhiteSpace(StorageConnectionString) || StorageQueueServiceUri is null, nameof(StorageConnectionString), $"and {SectionName}:{nameof(StorageQueueServiceUri)} are both set; set only one");
                break;
            case TrainingQueueKind.InProcess:
                break;
            default:
                throw new InvalidOperationException($"{SectionName}:{nameof(Queue)} '{Queue}' is not servicebus, azurite or inprocess.");
        }
    }

    private static void Require(bool condition, string key, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{SectionName}:{key} {problem}.");
        }
    }
}
