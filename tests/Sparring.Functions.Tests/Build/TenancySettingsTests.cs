using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Sparring.Tenancy.RateLimits;
using Sparring.Tenancy.Storage;

namespace Sparring.Functions.Tests.Build;

/// <summary>local.settings.sample.json's tenancy and rate-limit settings are ones the app reads without error.</summary>
public class TenancySettingsTests
{
    private static IConfiguration Sample()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        // As the Functions host does: app settings become environment variables, whose '__' is ':'.
        var values = document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString());
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    [Fact]
    public void The_sample_names_a_table_endpoint_for_the_tenancy_tables()
    {
        var options = TenancyOptions.FromConfiguration(Sample());

        Assert.Contains("TableEndpoint=", options.TableConnectionString, StringComparison.Ordinal);
        Assert.Null(options.TableServiceUri);
        Assert.Equal("sparring", options.TablePrefix);
    }

    [Fact]
    public void The_sample_rate_limit_is_the_documented_default()
    {
        var options = RateLimitOptions.FromConfiguration(Sample());
        var defaults = new RateLimitOptions();

        Assert.Equal((defaults.Enabled, defaults.TokenLimit, defaults.TokensPerPeriod, defaults.ReplenishmentPeriod), (options.Enabled, options.TokenLimit, options.TokensPerPeriod, options.ReplenishmentPeriod));
    }
}
