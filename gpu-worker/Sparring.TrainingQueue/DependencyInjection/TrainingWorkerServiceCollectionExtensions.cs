using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Sparring.TrainingQueue.InProcess;
using Sparring.TrainingQueue.Notification;
using Sparring.TrainingQueue.Processing;
using Sparring.TrainingQueue.ServiceBus;
using Sparring.TrainingQueue.StorageQueues;

namespace Sparring.TrainingQueue.DependencyInjection;

/// <summary>Registers the training worker: the queue it takes jobs from, as a hosted service, and the rules it settles them by.</summary>
public static class TrainingWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the worker configured by the <c>Worker</c> section (<see cref="TrainingWorkerOptions"/>; read and validated
    /// here, so a bad setting stops the host before it starts). The caller registers the
    /// <see cref="Sparring.Abstractions.TrainingJobs.ITrainingJobRunner"/> that trains.
    /// </summary>
    public static IServiceCollection AddTrainingWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddTrainingWorker(TrainingWorkerOptions.FromConfiguration(configuration));
    }

    /// <summary>The same with options built in code (the CLI's in-process queue, tests).</summary>
    public static IServiceCollection AddTrainingWorker(this IServiceCollection services, TrainingWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddHttpClient(TrainingJobNotifier.HttpClientName);
        services.AddSingleton<TrainingJobNotifier>();
        services.AddSingleton<TrainingJobProcessor>();
        switch (options.Queue)
        {
            case TrainingQueueKind.ServiceBus:
                services.AddSingleton(_ => CreateServiceBusClient(options));
                services.AddSingleton<IReplyQueue, ServiceBusReplyQueue>();
                services.AddSingleton<ServiceBusJobHandler>();
                services.AddHostedService<ServiceBusTrainingJobSource>();
                break;
            case TrainingQueueKind.Azurite:
                services.AddSingleton(_ => CreateQueueServiceClient(options));
                services.AddSingleton<IReplyQueue, StorageQueueReplyQueue>();
                services.AddHostedService<StorageQueueTrainingJobSource>();
                break;
            case TrainingQueueKind.InProcess:
                services.AddSingleton<InProcessTrainingQueue>();
                services.AddHostedService<InProcessTrainingJobSource>();
                break;
            default:
                throw new InvalidOperationException($"{TrainingWorkerOptions.SectionName}:Queue '{options.Queue}' is not servicebus, azurite or inprocess.");
        }

        return services;
    }

    private static ServiceBusClient CreateServiceBusClient(TrainingWorkerOptions options) =>
        string.IsNullOrWhiteSpace(options.ServiceBusConnectionString)
            ? new ServiceBusClient(options.ServiceBusNamespace, new DefaultAzureCredential())
            : new ServiceBusClient(options.ServiceBusConnectionString);

    private static QueueServiceClient CreateQueueServiceClient(TrainingWorkerOptions options) =>
        options.StorageQueueServiceUri is { } uri
            ? new QueueServiceClient(uri, new DefaultAzureCredential())
            : new QueueServiceClient(string.IsNullOrWhiteSpace(options.StorageConnectionString) ? "UseDevelopmentStorage=true" : options.StorageConnectionString);
}
