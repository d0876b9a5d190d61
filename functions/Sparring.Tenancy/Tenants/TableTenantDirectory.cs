using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Tenants;
using Sparring.Tenancy.ApiKeys;
using Sparring.Tenancy.Storage;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Tenancy.Tenants;

/// <summary>
/// The tenant directory on Table storage: one row per tenant (partition = tenant id). An API key names its tenant, so
/// authenticating is one point read of that row and a constant-time compare of the key's hash with the stored one.
/// Changes are conditional on the row's ETag, so two rotations at once cannot both win.
/// </summary>
public sealed class TableTenantDirectory(TenancyTables tables, TimeProvider timeProvider, ILogger<TableTenantDirectory> logger) : ITenantDirectory
{
    private const string ProfileRow = "profile";

    /// <inheritdoc />
    public async Task<TenantCreated> CreateAsync(TenantDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        TenantIds.Validate(definition.Id);
        TenantSettingRules.Validate(definition.Quota, definition.CallbackUrl, definition.NightlyCron);
        var now = timeProvider.GetUtcNow();
        var key = ApiKey.Generate(definition.Id);
        var secret = WebhookSecret.Generate();
        var tenant = new Tenant(
            definition.Id,
            string.IsNullOrWhiteSpace(definition.DisplayName) ? definition.Id : definition.DisplayName,
            ApiKey.Hash(key),
            secret,
            definition.CallbackUrl,
            definition.Quota ?? TenantQuota.Unlimited,
            definition.NightlyCron,
            now,
            now);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(ToEntity(tenant), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new TenantExistsException(definition.Id, ex);
        }

        logger.LogInformation("Created tenant {Tenant}", tenant.Id);
        return new TenantCreated(tenant, key, secret);
    }

    /// <inheritdoc />
    public async Task<Tenant?> GetAsync(string tenant, CancellationToken cancellationToken) =>
        await ReadAsync(tenant, cancellationToken).ConfigureAwait(false) is { } entity ? FromEntity(entity) : null;

    /// <inheritdoc />
    public async Task<Tenant?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (!ApiKey.TryReadTenant(apiKey, out var id) || await GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            return null;
        }

        return ApiKey.Matches(apiKey, tenant.ApiKeyHash) ? tenant : null;
    }

    /// <inheritdoc />
    public async Task<string> RotateApiKeyAsync(string tenant, CancellationToken cancellationToken)
    {
        var key = ApiKey.Generate(tenant);
        await ChangeAsync(tenant, t => t with { ApiKeyHash = ApiKey.Hash(key) }, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Rotated the API key of tenant {Tenant}", tenant);
        return key;
    }

    /// <inheritdoc />
    public async Task<string> RotateWebhookSecretAsync(string tenant, CancellationToken cancellationToken)
    {
        var secret = WebhookSecret.Generate();
        await ChangeAsync(tenant, t => t with { WebhookSecret = secret }, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Rotated the webhook secret of tenant {Tenant}", tenant);
        return secret;
    }

    /// <inheritdoc />
    public Task<Tenant> UpdateAsync(string tenant, TenantChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        TenantSettingRules.Validate(changes.Quota, changes.CallbackUrl, changes.NightlyCron);
        return ChangeAsync(
            tenant,
            t => t with
            {
                DisplayName = string.IsNullOrWhiteSpace(changes.DisplayName) ? t.DisplayName : changes.DisplayName,
                Quota = changes.Quota ?? t.Quota,
                CallbackUrl = changes.ClearCallbackUrl ? null : changes.CallbackUrl ?? t.CallbackUrl,
                NightlyCron = changes.ClearNightlyCron ? null : changes.NightlyCron ?? t.NightlyCron,
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TenantQuota> GetQuotaAsync(string tenant, CancellationToken cancellationToken) =>
        (await GetAsync(tenant, cancellationToken).ConfigureAwait(false))?.Quota ?? TenantQuota.Unlimited;

    private async Task<Tenant> ChangeAsync(string tenant, Func<Tenant, Tenant> change, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var entity = await ReadAsync(tenant, cancellationToken).ConfigureAwait(false) ?? throw new TenantNotFoundException(tenant);
        var changed = change(FromEntity(entity)) with { UpdatedAt = timeProvider.GetUtcNow() };
        try
        {
            await table.UpdateEntityAsync(ToEntity(changed), entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new InvalidOperationException($"Tenant '{tenant}' was changed by someone else at the same time: read it again and retry.", ex);
        }

        return changed;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Tenant> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.RowKey == ProfileRow, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    private async Task<TableEntity?> ReadAsync(string tenant, CancellationToken cancellationToken)
    {
        if (!TenantIds.IsValid(tenant))
        {
            return null;
        }

        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(tenant, ProfileRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TenancyTables.Tenants, cancellationToken);

    private static TableEntity ToEntity(Tenant tenant) => new(tenant.Id, ProfileRow)
    {
        [nameof(Tenant.DisplayName)] = tenant.DisplayName,
        [nameof(Tenant.ApiKeyHash)] = tenant.ApiKeyHash,
        [nameof(Tenant.WebhookSecret)] = tenant.WebhookSecret,
        [nameof(Tenant.CallbackUrl)] = tenant.CallbackUrl?.AbsoluteUri,
        [nameof(TenantQuota.EpisodesPerMonth)] = tenant.Quota.EpisodesPerMonth,
        [nameof(TenantQuota.ConcurrentRuns)] = tenant.Quota.ConcurrentRuns,
        [nameof(Tenant.NightlyCron)] = tenant.NightlyCron,
        [nameof(Tenant.CreatedAt)] = tenant.CreatedAt,
        [nameof(Tenant.UpdatedAt)] = tenant.UpdatedAt,
    };

    private static Tenant FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString(nameof(Tenant.DisplayName)) ?? entity.PartitionKey,
        entity.GetString(nameof(Tenant.ApiKeyHash)) ?? string.Empty,
        entity.GetString(nameof(Tenant.WebhookSecret)) ?? string.Empty,
        entity.GetString(nameof(Tenant.CallbackUrl)) is { Length: > 0 } url ? new Uri(url, UriKind.Absolute) : null,
        new TenantQuota(entity.GetInt64(nameof(TenantQuota.EpisodesPerMonth)), entity.GetInt32(nameof(TenantQuota.ConcurrentRuns))),
        entity.GetString(nameof(Tenant.NightlyCron)),
        entity.GetDateTimeOffset(nameof(Tenant.CreatedAt)) ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset(nameof(Tenant.UpdatedAt)) ?? DateTimeOffset.MinValue);
}
