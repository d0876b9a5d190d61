using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Tenants;
using Sparring.Abstractions.Storage;
using Sparring.Engine.Chat;
using Sparring.Functions.DependencyInjection;
using Sparring.Functions.Http;
using Sparring.Metering;
using Sparring.Metering.Ledger;
using Sparring.Metering.Pricing;
using Sparring.Metering.Quotas;
using Sparring.Orchestration;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;
using Sparring.Storage;

namespace Sparring.Functions.Tests.DependencyInjection;

public class AddSparringRunsTests
{
    private const string Azurite = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10100/devstoreaccount1;";

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSparringRuns(configuration).AddSparringTenancy(configuration).AddSparringNightly(configuration).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static ServiceProvider BuildWithStorage() => Build(new() { ["Sparring:Storage:ConnectionString"] = Azurite, ["Sparring:Storage:Container"] = "runs" });

    private static IReadOnlyList<Type> Activities { get; } = [.. typeof(OrchestrationTasks).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(TaskActivity<,>))];

    public static TheoryData<Type> ActivityTypes => [.. Activities];

    [Theory]
    [MemberData(nameof(ActivityTypes))]
    public void Every_activity_class_of_the_library_resolves(Type activity)
    {
        using var services = BuildWithStorage();

        Assert.IsType(activity, services.GetRequiredService(activity));
    }

    [Fact]
    public void The_app_wraps_every_activity_of_the_library_runs_and_nightly_retraining_alike()
    {
        var services = new ActivityServices(null!, null!, null!, null!, Moq.Mock.Of<IRunCompletionNotifier>());
        var nightly = new NightlyServices(null!, null!, null!, null!, null!);
        Assert.Equal(
            OrchestrationTasks.Activities(services).Keys.Concat(OrchestrationTasks.NightlyActivities(services, nightly, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).Keys).Order(StringComparer.Ordinal),
            Activities.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Storage_and_services_come_from_configuration()
    {
        using var services = BuildWithStorage();

        Assert.IsType<BlobTrajectoryStore>(services.GetRequiredService<ITrajectoryStore>());
        Assert.IsType<BlobCheckpointStore>(services.GetRequiredService<ICheckpointStore>());
        Assert.IsType<BlobEnvironmentSource>(services.GetRequiredService<IEnvironmentSource>());
        Assert.Equal("runs", services.GetRequiredService<Azure.Storage.Blobs.BlobContainerClient>().Name);
        Assert.IsType<Sparring.Models.ModelCatalog>(services.GetRequiredService<IModelCatalog>());
        Assert.Same(services.GetRequiredService<EnvironmentCatalog>(), services.GetRequiredService<EnvironmentCatalog>());
        Assert.Same(services.GetRequiredService<EpisodeRunners>(), services.GetRequiredService<EpisodeRunners>());
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Metering_uses_the_storage_accounts_table_and_the_tenant_directorys_quotas()
    {
        using var services = BuildWithStorage();
        var quotas = new Mock<ITenantQuotas>().Object;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sparring:Storage:ConnectionString"] = Azurite }).Build();
        using var withTenants = new ServiceCollection().AddSingleton(quotas).AddSparringRuns(configuration).BuildServiceProvider();

        Assert.IsType<UsageMeter>(services.GetRequiredService<IUsageMeter>());
        Assert.IsType<TableUsageLedger>(services.GetRequiredService<IUsageLedger>());
        Assert.IsType<Sparring.Tenancy.Tenants.TableTenantDirectory>(services.GetRequiredService<ITenantQuotas>());
        Assert.NotNull(services.GetRequiredService<RunQuotaCheck>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<UsageFunction>(services));
        Assert.Same(quotas, withTenants.GetRequiredService<ITenantQuotas>());
    }

    [Fact]
    public void A_bad_price_setting_says_which_key_when_metering_is_resolved()
    {
        using var services = Build(new() { ["Sparring:Storage:ConnectionString"] = Azurite, ["Sparring:Pricing:gpt-4o:InputPerMillion"] = "cheap" });

        var error = Assert.Throws<PriceTableException>(() => services.GetRequiredService<IUsageMeter>());
        Assert.Equal("Sparring:Pricing:gpt-4o:InputPerMillion", error.Field);
    }

    [Fact]
    public void Without_storage_settings_the_store_says_what_to_set()
    {
        using var services = Build([]);

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ITrajectoryStore>());
        Assert.Contains("Sparring:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_serializes_orchestration_data_with_the_source_generated_contexts()
    {
        using var services = BuildWithStorage();
        var serializer = Assert.IsType<JsonObjectSerializer>(services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer);
        var request = new EvaluationRunRequest
        {
            RunId = "r1",
            Tenant = "contoso",
            Environment = new EnvironmentReference(Name: "env", Version: "1"),
            Models = new ModelSelection("reference", Judge: "gpt-4o"),
            Scenarios = ["s1"],
            Sampling = new RejectionSamplingOptions(0.5, 3),
        };

        var json = serializer.Serialize(request).ToString();
        var back = (EvaluationRunRequest?)serializer.Deserialize(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), typeof(EvaluationRunRequest), CancellationToken.None);

        Assert.Contains("\"runId\":\"r1\"", json, StringComparison.Ordinal);
        Assert.Equal(request with { Scenarios = back?.Scenarios }, back);
        Assert.Equal(["s1"], back?.Scenarios);
    }
}
