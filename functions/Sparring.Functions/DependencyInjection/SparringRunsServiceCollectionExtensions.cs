using Azure.Core.Serialization;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Tenants;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Functions.Http;
using Sparring.Metering;
using Sparring.Metering.Ledger;
using Sparring.Metering.Pricing;
using Sparring.Metering.Quotas;
using Sparring.Models;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Services;
using Sparring.Storage;

namespace Sparring.Functions.DependencyInjection;

/// <summary>Registers what evaluation runs need in the Function App: storage, environments, models and the activity classes.</summary>
public static class SparringRunsServiceCollectionExtensions
{
    /// <summary>
    /// Adds Blob storage (<c>Sparring:Storage</c>: trajectories and checkpoints), the environment catalog, the model catalog (<c>Sparring:Llm</c> and
    /// friends), episode runners, metering (the usage ledger in the same storage account's Table service, the price table
    /// of <c>Sparring:Pricing</c> / <c>Sparring:Metering</c>, quotas) and the
    /// activities, and makes the worker serialize with <see cref="FunctionAppJson"/>.
    /// Storage settings are read when a store is first resolved, so a host without them still starts and says what is missing then.
    /// <see cref="ITenantQuotas"/> is added only when none is registered yet: <c>AddSparringTenancy</c> provides the tenant
    /// directory's; without it every tenant is unlimited.
    /// </summary>
    public static IServiceCollection AddSparringRuns(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();

        // The Durable extension builds its DataConverter from the worker's ObjectSerializer (it ignores a DataConverter
        // registered in DI, to keep activity bindings and orchestrations consistent), so this is where the
        // source-generated contexts go.
        services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(FunctionAppJson.Options));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => StorageOptions.FromConfiguration(configuration));
        services.AddSingleton<BlobContainerClient>(sp => StorageClientFactory.CreateContainerClient(sp.GetRequiredService<StorageOptions>()));
        services.AddSingleton<ITrajectoryStore>(sp => new BlobTrajectoryStore(sp.GetRequiredService<BlobContainerClient>(), logger: sp.GetRequiredService<ILogger<BlobTrajectoryStore>>()));
        services.AddSingleton<ICheckpointStore>(sp => new BlobCheckpointStore(sp.GetRequiredService<BlobContainerClient>(), sp.GetRequiredService<ILogger<BlobCheckpointStore>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEnvironmentSource>(sp => new BlobEnvironmentSource(
            sp.GetRequiredService<BlobContainerClient>(),
            sp.GetRequiredService<StorageOptions>().EnvironmentCacheFolder,
            sp.GetRequiredService<ILogger<BlobEnvironmentSource>>()));
        services.AddSingleton<ITenantFiles>(sp => new BlobTenantFiles(sp.GetRequiredService<BlobContainerClient>()));
        services.AddSingleton(sp => new EnvironmentLoader(sp.GetRequiredService<ILogger<EnvironmentLoader>>()));
        services.AddSingleton(sp => new EnvironmentCatalog(sp.GetRequiredService<IEnvironmentSource>(), sp.GetRequiredService<EnvironmentLoader>(), sp.GetRequiredService<ITenantFiles>()));
        services.AddSingleton<IModelCatalog>(_ => new ModelCatalog(configuration));
        services.AddSingleton<EpisodeRunners>();

        services.AddSingleton(_ => UsageLedgerOptions.FromConfiguration(configuration));
        services.AddSingleton<IUsageLedger>(sp => CreateLedger(sp.GetRequiredService<StorageOptions>(), sp.GetRequiredService<UsageLedgerOptions>(), sp.GetRequiredService<ILogger<TableUsageLedger>>()));
        services.AddSingleton(_ => PriceTable.FromConfiguration(configuration));
        services.TryAddSingleton<ITenantQuotas, UnlimitedTenantQuotas>();
        services.AddSingleton<EpisodeQuota>();
        services.AddSingleton<IUsageMeter, UsageMeter>();
        services.AddSingleton<RunQuotaCheck>();

        services.AddTransient<LoadEnvironmentActivity>();
        services.AddTransient<RunEpisodeActivity>();
        services.AddTransient<EpisodeAllowanceActivity>();
        services.AddTransient<SaveBatchSummariesActivity>();
        services.AddTransient<AggregateActivity>();
        services.AddTransient<RejectionSampleActivity>();
        return services;
    }

    private static TableUsageLedger CreateLedger(StorageOptions storage, UsageLedgerOptions options, ILogger<TableUsageLedger> logger) =>
        storage.ConnectionString is { } connectionString
            ? TableUsageLedger.Create(connectionString, options.Table, logger)
            : storage.ServiceUri is { } serviceUri
                ? TableUsageLedger.Create(options.TableServiceFor(serviceUri), new DefaultAzureCredential(), options.Table, logger)
                : throw new InvalidOperationException(
                    $"No storage is configured for the usage ledger: set {StorageOptions.SectionName}:ConnectionString or {StorageOptions.SectionName}:ServiceUri.");
}
