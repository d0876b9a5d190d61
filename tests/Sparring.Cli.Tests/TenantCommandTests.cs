using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console.Testing;
using Sparring.Models;
using Sparring.Tenancy.Storage;
using Sparring.Tenancy.Tenants;
using Sparring.Training.Chat;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Cli.Tests;

[Collection(AzuriteCollection.Name)]
public sealed partial class TenantCommandTests(AzuriteFixture azurite)
{
    // Each test its own table prefix, so tenants of one test are not another's.
    private readonly string _prefix = "cli" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Create_prints_the_key_and_secret_once_and_the_key_authenticates()
    {
        var (code, output) = await RunAsync("tenant", "create", "contoso", "--name", "Contoso Ltd", "--episodes-per-month", "5000", "--concurrent-runs", "3", "--callback-url", "https://ci.contoso.example/sparring", "--storage", azurite.ConnectionString);

        Assert.Equal(0, code);
        var key = ApiKeyLine().Match(output).Groups[1].Value;
        Assert.Matches("^spk_contoso_[0-9A-Za-z]{32}$", key);
        Assert.Matches("webhook secret: whsec_[0-9A-Za-z]{32}", output);
        Assert.Contains("episodes per month: 5000", output, StringComparison.Ordinal);
        Assert.Contains("concurrent runs:    3", output, StringComparison.Ordinal);
        Assert.Equal("contoso", (await Directory().AuthenticateAsync(key, CancellationToken.None))?.Id);

        var (_, shown) = await RunAsync("tenant", "show", "contoso", "--storage", azurite.ConnectionString);
        Assert.Contains("Contoso Ltd", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(key, shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_key_stops_the_old_key_and_prints_a_working_new_one()
    {
        var (_, created) = await RunAsync("tenant", "create", "contoso", "--storage", azurite.ConnectionString);
        var oldKey = ApiKeyLine().Match(created).Groups[1].Value;

        var (code, output) = await RunAsync("tenant", "rotate-key", "contoso", "--storage", azurite.ConnectionString);

        Assert.Equal(0, code);
        var newKey = ApiKeyLine().Match(output).Groups[1].Value;
        Assert.Null(await Directory().AuthenticateAsync(oldKey, CancellationToken.None));
        Assert.Equal("contoso", (await Directory().AuthenticateAsync(newKey, CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task Rotate_secret_and_set_change_the_stored_tenant()
    {
        await RunAsync("tenant", "create", "contoso", "--callback-url", "https://a.example/cb", "--storage", azurite.ConnectionString);
        var before = (await Directory().GetAsync("contoso", CancellationToken.None))!;

        var (rotated, secretOutput) = await RunAsync("tenant", "rotate-secret", "contoso", "--storage", azurite.ConnectionString);
        var (set, _) = await RunAsync("tenant", "set", "contoso", "--concurrent-runs", "1", "--callback-url", "none", "--nightly-cron", "0 2 * * *", "--storage", azurite.ConnectionString);

        Assert.Equal((0, 0), (rotated, set));
        var after = (await Directory().GetAsync("contoso", CancellationToken.None))!;
        Assert.NotEqual(before.WebhookSecret, after.WebhookSecret);
        Assert.Contains(after.WebhookSecret, secretOutput, StringComparison.Ordinal);
        Assert.Equal(1, after.Quota.ConcurrentRuns);
        Assert.Null(after.Quota.EpisodesPerMonth);
        Assert.Null(after.CallbackUrl);
        Assert.Equal("0 2 * * *", after.NightlyCron);
    }

    [Theory]
    [InlineData("create", "Contoso", "must be 3 to 63 lowercase letters")]
    [InlineData("rotate-key", "nobody", "There is no tenant 'nobody'")]
    public async Task Mistakes_exit_2_with_what_is_wrong(string verb, string id, string message)
    {
        var (code, output) = await RunAsync("tenant", verb, id, "--storage", azurite.ConnectionString);

        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Table_endpoint_without_TLS_is_refused_since_the_Azure_login_needs_https()
    {
        var (code, output) = await RunAsync("tenant", "show", "contoso", "--storage", "http://127.0.0.1:10102/devstoreaccount1");

        Assert.Equal(2, code);
        Assert.Contains("needs https", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_tenant_twice_fails_without_replacing_its_key()
    {
        var (_, created) = await RunAsync("tenant", "create", "contoso", "--storage", azurite.ConnectionString);

        var (code, output) = await RunAsync("tenant", "create", "contoso", "--storage", azurite.ConnectionString);

        Assert.Equal(2, code);
        Assert.Contains("already exists", output, StringComparison.Ordinal);
        Assert.NotNull(await Directory().AuthenticateAsync(ApiKeyLine().Match(created).Groups[1].Value, CancellationToken.None));
    }

    private TableTenantDirectory Directory() =>
        new(new TenancyTables(new TableServiceClient(azurite.ConnectionString), _prefix), TimeProvider.System, NullLogger<TableTenantDirectory>.Instance);

    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(250);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sparring:Tenancy:TablePrefix"] = _prefix }).Build();
        var policies = new CheckpointPolicies(NullLoggerFactory.Instance);
        var app = new CliApp(console, configuration, NullLoggerFactory.Instance, new ModelCatalog(configuration, SampleAgents.References, policies), policies);
        var code = await app.RunAsync(args, CancellationToken.None);
        return (code, console.Output);
    }

    [GeneratedRegex("api key: +(spk_[a-z0-9-]+_[0-9A-Za-z]{32})")]
    private static partial Regex ApiKeyLine();
}
