using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;
using Sparring.Engine.Chat;
using Sparring.Functions.Nightly;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Services;

namespace Sparring.Functions.DependencyInjection;

/// <summary>Registers the nightly retraining: its activities, ingestion, the Service Bus job sender and the schedule's settings.</summary>
public static class SparringNightlyServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="NightlyOptions"/>, transcript ingestion over the tenants' blobs, training jobs to Service Bus
    /// (<c>Sparring:Nightly:ServiceBus</c>: a namespace with the app's managed identity, or a connection string), policies
    /// as the worker serves them, and the nine nightly activities. Needs <c>AddSparringRuns</c> and <c>AddSparringTenancy</c>.
    /// </summary>
    public static IServiceCollection AddSparringNightly(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(_ => NightlyOptions.FromConfiguration(configuration));
        services.AddSingleton<ITranscriptIngestion>(sp => new TranscriptIngestion(
            sp.GetRequiredService<ITenantFiles>(),
            sp.GetRequiredService<ILogger<TranscriptIngestion>>(),
            sp.GetRequiredService<NightlyOptions>().DerivationModel is { } model ? sp.GetRequiredService<IModelCatalog>().Judge(model)?.Client : null));
        services.AddSingleton(sp => CreateServiceBus(sp.GetRequiredService<NightlyOptions>()));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<NightlyOptions>().TrainingQueue));
        services.AddSingleton<ITrainingJobSubmitter>(sp => new ServiceBusTrainingJobs(
            new Lazy<ServiceBusSender>(sp.GetRequiredService<ServiceBusSender>), sp.GetRequiredService<NightlyOptions>(), sp.GetRequiredService<ILogger<ServiceBusTrainingJobs>>()));
        services.AddSingleton<IPolicyResolver, ServedPolicies>();
        services.AddSingleton(sp => new NightlyServices(
            sp.GetRequiredService<ITenantFiles>(),
            sp.GetRequiredService<ICheckpointStore>(),
            sp.GetRequiredService<ITranscriptIngestion>(),
            sp.GetRequiredService<ITrainingJobSubmitter>(),
            sp.GetRequiredService<IPolicyResolver>()));
        services.AddTransient<ListNewTranscriptsActivity>();
        services.AddTransient<IngestTranscriptsActivity>();
        services.AddTransient<ResolveCurrentPolicyActivity>();
        services.AddTransient<ResolvePolicyNameActivity>();
        services.AddTransient<SubmitTrainingJobActivity>();
        services.AddTransient<PromotionGateActivity>();
        services.AddTransient<PromoteActivity>();
        services.AddTransient<CompleteNightlyActivity>();
        services.AddTransient<MeasureFidelityActivity>();
        return services;
    }

    private static ServiceBusClient CreateServiceBus(NightlyOptions options) => options.ServiceBus switch
    {
        null or "" => throw new InvalidOperationException($"{NightlyOptions.SectionName}:ServiceBus is not set: training jobs have nowhere to go"),
        var connection when connection.Contains("Endpoint=", StringComparison.OrdinalIgnoreCase) => new ServiceBusClient(connection),
        var ns => new ServiceBusClient(ns, new DefaultAzureCredential()),
    };
}
