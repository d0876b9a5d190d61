using Microsoft.Extensions.Time.Testing;
using Sparring.Abstractions.Tenants;
using Sparring.Tenancy.ApiKeys;
using Sparring.Tenancy.Tenants;

namespace Sparring.Tenancy.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TenantDirectoryTests(AzuriteFixture azurite)
{
    private readonly TableTenantDirectory _directory = TenancyTestTables.Directory(TenancyTestTables.Create(azurite));

    [Fact]
    public async Task A_created_tenant_authenticates_with_its_key_and_stores_only_the_keys_hash()
    {
        var created = await _directory.CreateAsync(new TenantDefinition("contoso", "Contoso Ltd", new TenantQuota(1000, 2), new Uri("https://ci.contoso.example/hooks")), CancellationToken.None);

        Assert.Matches("^spk_contoso_[0-9A-Za-z]{32}$", created.ApiKey);
        Assert.StartsWith("whsec_", created.WebhookSecret, StringComparison.Ordinal);
        var stored = await _directory.GetAsync("contoso", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(ApiKey.Hash(created.ApiKey), stored.ApiKeyHash);
        Assert.DoesNotContain(created.WebhookSecret, stored.ToString() + created, StringComparison.Ordinal);
        Assert.DoesNotContain(created.ApiKey, created.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(stored.ApiKeyHash, stored.ToString(), StringComparison.Ordinal);
        Assert.Equal("Contoso Ltd", stored.DisplayName);
        Assert.Equal(new TenantQuota(1000, 2), stored.Quota);
        Assert.Equal(new Uri("https://ci.contoso.example/hooks"), stored.CallbackUrl);
        Assert.Equal("contoso", (await _directory.AuthenticateAsync(created.ApiKey, CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task Keys_that_are_wrong_malformed_or_of_another_tenant_do_not_authenticate()
    {
        var contoso = await _directory.CreateAsync(new TenantDefinition("contoso"), CancellationToken.None);
        var fabrikam = await _directory.CreateAsync(new TenantDefinition("fabrikam"), CancellationToken.None);

        var forged = "spk_contoso_" + fabrikam.ApiKey[^32..];
        Assert.Null(await _directory.AuthenticateAsync(forged, CancellationToken.None));
        Assert.Null(await _directory.AuthenticateAsync("spk_nobody_" + contoso.ApiKey[^32..], CancellationToken.None));
        Assert.Null(await _directory.AuthenticateAsync("not-a-key", CancellationToken.None));
        Assert.Null(await _directory.AuthenticateAsync(contoso.ApiKey + "x", CancellationToken.None));
    }

    [Fact]
    public async Task Rotating_the_key_stops_the_old_one_at_once()
    {
        var created = await _directory.CreateAsync(new TenantDefinition("contoso"), CancellationToken.None);

        var rotated = await _directory.RotateApiKeyAsync("contoso", CancellationToken.None);

        Assert.NotEqual(created.ApiKey, rotated);
        Assert.Null(await _directory.AuthenticateAsync(created.ApiKey, CancellationToken.None));
        Assert.Equal("contoso", (await _directory.AuthenticateAsync(rotated, CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task Rotating_the_webhook_secret_replaces_it_and_keeps_the_key()
    {
        var created = await _directory.CreateAsync(new TenantDefinition("contoso"), CancellationToken.None);

        var secret = await _directory.RotateWebhookSecretAsync("contoso", CancellationToken.None);

        Assert.NotEqual(created.WebhookSecret, secret);
        Assert.Equal(secret, (await _directory.GetAsync("contoso", CancellationToken.None))?.WebhookSecret);
        Assert.NotNull(await _directory.AuthenticateAsync(created.ApiKey, CancellationToken.None));
    }

    [Fact]
    public async Task Creating_an_existing_tenant_fails_and_keeps_its_key()
    {
        var created = await _directory.CreateAsync(new TenantDefinition("contoso"), CancellationToken.None);

        await Assert.ThrowsAsync<TenantExistsException>(() => _directory.CreateAsync(new TenantDefinition("contoso"), CancellationToken.None));
        Assert.NotNull(await _directory.AuthenticateAsync(created.ApiKey, CancellationToken.None));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Contoso")]
    [InlineData("-contoso")]
    [InlineData("contoso-")]
    [InlineData("con_toso")]
    public async Task Invalid_tenant_ids_are_refused_with_the_rule(string id)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _directory.CreateAsync(new TenantDefinition(id), CancellationToken.None));
        Assert.Contains(TenantIds.Rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_change_and_the_quota_is_what_ITenantQuotas_returns()
    {
        var time = new FakeTimeProvider(TenancyTestTables.Now);
        var directory = TenancyTestTables.Directory(TenancyTestTables.Create(azurite), time);
        await directory.CreateAsync(new TenantDefinition("contoso", CallbackUrl: new Uri("https://a.example/cb")), CancellationToken.None);
        ITenantQuotas quotas = directory;
        Assert.Equal(TenantQuota.Unlimited, await quotas.GetQuotaAsync("contoso", CancellationToken.None));

        time.Advance(TimeSpan.FromHours(1));
        var changed = await directory.UpdateAsync("contoso", new TenantChanges(Quota: new TenantQuota(500, 1), ClearCallbackUrl: true, NightlyCron: "0 2 * * *"), CancellationToken.None);

        Assert.Equal(new TenantQuota(500, 1), await quotas.GetQuotaAsync("contoso", CancellationToken.None));
        var stored = await directory.GetAsync("contoso", CancellationToken.None);
        Assert.Equal(changed, stored);
        Assert.Null(stored!.CallbackUrl);
        Assert.Equal("0 2 * * *", stored.NightlyCron);
        Assert.Equal(TenancyTestTables.Now.AddHours(1), stored.UpdatedAt);
        Assert.Equal(TenancyTestTables.Now, stored.CreatedAt);
    }

    [Theory]
    [InlineData("not cron", null, "nightlyCron")]
    [InlineData(null, "http://ci.example/hook", "callbackUrl")]
    public async Task Bad_settings_are_refused_naming_the_setting(string? cron, string? url, string setting)
    {
        await _directory.CreateAsync(new TenantDefinition("contoso"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _directory.UpdateAsync("contoso", new TenantChanges(CallbackUrl: url is null ? null : new Uri(url), NightlyCron: cron), CancellationToken.None));

        Assert.StartsWith(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_an_unknown_tenant_says_so()
    {
        await Assert.ThrowsAsync<TenantNotFoundException>(() => _directory.RotateApiKeyAsync("nobody", CancellationToken.None));
        Assert.Equal(TenantQuota.Unlimited, await _directory.GetQuotaAsync("nobody", CancellationToken.None));
    }
}
