using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sparring.Abstractions.Tenants;
using Sparring.Functions.DependencyInjection;
using Sparring.Orchestration.Activities;
using Sparring.Tenancy.Tenants;

namespace Sparring.Functions.Tests.DependencyInjection;

public class AddSparringTenancyTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSparringRuns(configuration).AddSparringTenancy(configuration).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void The_tenant_directory_is_the_quota_source_the_metering_reads()
    {
        using var services = Build(new() { ["Sparring:Tenancy:TableConnectionString"] = "UseDevelopmentStorage=true" });

        var directory = services.GetRequiredService<ITenantDirectory>();

        Assert.IsType<TableTenantDirectory>(directory);
        Assert.Same(directory, services.GetRequiredService<ITenantQuotas>());
        Assert.NotNull(services.GetRequiredService<NotifyRunCompletedActivity>());
    }

    [Fact]
    public void Without_table_settings_the_directory_says_what_to_set()
    {
        using var services = Build([]);

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ITenantDirectory>());
        Assert.Contains("Sparring__Tenancy__TableConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_rate_limit_setting_is_named()
    {
        using var services = Build(new() { ["Sparring:RateLimit:TokenLimit"] = "many" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Sparring.Tenancy.RateLimits.TenantRateLimiter>());
        Assert.Contains("Sparring:RateLimit:TokenLimit", error.Message, StringComparison.Ordinal);
    }
}
