using Azure.Core;
using Microsoft.Extensions.Configuration;

namespace Sparring.Storage.Tests;

public sealed class StorageOptionsTests
{
    [Fact]
    public void Options_are_read_from_the_Sparring_Storage_section()
    {
        var configuration = Configuration(new()
        {
            ["Sparring:Storage:ServiceUri"] = "https://acme.blob.core.windows.net",
            ["Sparring:Storage:Container"] = "runs",
            ["Sparring:Storage:MaxRetries"] = "7",
            ["Sparring:Storage:NetworkTimeout"] = "00:00:30",
            ["Sparring:Storage:EnvironmentCacheFolder"] = "/var/cache/envs",
        });

        var options = StorageOptions.FromConfiguration(configuration);

        Assert.Null(options.ConnectionString);
        Assert.Equal(new Uri("https://acme.blob.core.windows.net"), options.ServiceUri);
        Assert.Equal("runs", options.Container);
        Assert.Equal(7, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(30), options.NetworkTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.RetryDelay);
        Assert.Equal("/var/cache/envs", options.EnvironmentCacheFolder);
    }

    [Fact]
    public void Absent_keys_keep_the_defaults()
    {
        var options = StorageOptions.FromConfiguration(Configuration(new()));

        Assert.Null(options.ConnectionString);
        Assert.Null(options.ServiceUri);
        Assert.Equal("sparring", options.Container);
        Assert.Equal(5, options.MaxRetries);
    }

    [Theory]
    [InlineData("Sparring:Storage:MaxRetries", "many")]
    [InlineData("Sparring:Storage:NetworkTimeout", "soon")]
    [InlineData("Sparring:Storage:ServiceUri", "not a uri")]
    public void A_bad_value_names_its_key(string key, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageOptions.FromConfiguration(Configuration(new() { [key] = value })));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_options_carry_the_retry_policy()
    {
        var clientOptions = StorageClientFactory.CreateClientOptions(new StorageOptions { MaxRetries = 3, NetworkTimeout = TimeSpan.FromSeconds(20) });

        Assert.Equal(RetryMode.Exponential, clientOptions.Retry.Mode);
        Assert.Equal(3, clientOptions.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(20), clientOptions.Retry.NetworkTimeout);
    }

    [Fact]
    public void A_connection_string_or_a_service_uri_chooses_the_account()
    {
        var local = StorageClientFactory.CreateContainerClient(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", Container = "runs" });
        var azure = StorageClientFactory.CreateContainerClient(new StorageOptions { ServiceUri = new Uri("https://acme.blob.core.windows.net"), Container = "runs" });

        Assert.Equal("devstoreaccount1", local.AccountName);
        Assert.Equal("runs", local.Name);
        Assert.Equal(new Uri("https://acme.blob.core.windows.net/runs"), azure.Uri);
    }

    [Fact]
    public void Neither_or_both_is_a_clear_error()
    {
        var neither = Assert.Throws<InvalidOperationException>(() => StorageClientFactory.CreateContainerClient(new StorageOptions()));
        var both = Assert.Throws<InvalidOperationException>(() => StorageClientFactory.CreateContainerClient(
            new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", ServiceUri = new Uri("https://acme.blob.core.windows.net") }));

        Assert.Contains("Sparring:Storage:ConnectionString", neither.Message, StringComparison.Ordinal);
        Assert.Contains("only one", both.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Runs")]
    [InlineData("runs--old")]
    [InlineData("-runs")]
    public void A_bad_container_name_is_refused(string container)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            StorageClientFactory.CreateContainerClient(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", Container = container }));

        Assert.Contains(container, ex.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
