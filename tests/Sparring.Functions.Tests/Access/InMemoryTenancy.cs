using System.Collections.Concurrent;
using Sparring.Abstractions.Tenants;
using Sparring.Tenancy.ApiKeys;
using Sparring.Tenancy.Callbacks;
using Sparring.Tenancy.Idempotency;
using Sparring.Tenancy.Tenants;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Functions.Tests.Access;

/// <summary>The tenant directory in memory, with the Table directory's rules (tests/Sparring.Tenancy.Tests covers that one on Azurite).</summary>
internal sealed class InMemoryTenantDirectory(TimeProvider time) : ITenantDirectory
{
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);

    public Task<TenantCreated> CreateAsync(TenantDefinition definition, CancellationToken cancellationToken) => Task.FromResult(Add(definition));

    public TenantCreated Add(TenantDefinition definition)
    {
        var key = ApiKey.Generate(definition.Id);
        var secret = WebhookSecret.Generate();
        var tenant = new Tenant(definition.Id, definition.DisplayName ?? definition.Id, ApiKey.Hash(key), secret, definition.CallbackUrl, definition.Quota ?? TenantQuota.Unlimited, definition.NightlyCron, time.GetUtcNow(), time.GetUtcNow());
        return _tenants.TryAdd(definition.Id, tenant) ? new TenantCreated(tenant, key, secret) : throw new TenantExistsException(definition.Id);
    }

    public Task<Tenant?> GetAsync(string tenant, CancellationToken cancellationToken) => Task.FromResult(_tenants.GetValueOrDefault(tenant));

    public async IAsyncEnumerable<Tenant> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var tenant in _tenants.Values.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return tenant;
        }

        await Task.CompletedTask;
    }

    public Task<Tenant?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken) =>
        Task.FromResult(ApiKey.TryReadTenant(apiKey, out var id) && _tenants.TryGetValue(id, out var tenant) && ApiKey.Matches(apiKey, tenant.ApiKeyHash) ? tenant : null);

    public Task<string> RotateApiKeyAsync(string tenant, CancellationToken cancellationToken)
    {
        var key = ApiKey.Generate(tenant);
        Change(tenant, t => t with { ApiKeyHash = ApiKey.Hash(key) });
        return Task.FromResult(key);
    }

    public Task<string> RotateWebhookSecretAsync(string tenant, CancellationToken cancellationToken)
    {
        var secret = WebhookSecret.Generate();
        Change(tenant, t => t with { WebhookSecret = secret });
        return Task.FromResult(secret);
    }

    public Task<Tenant> UpdateAsync(string tenant, TenantChanges changes, CancellationToken cancellationToken) =>
        Task.FromResult(Change(tenant, t => t with { Quota = changes.Quota ?? t.Quota, CallbackUrl = changes.ClearCallbackUrl ? null : changes.CallbackUrl ?? t.CallbackUrl }));

    public Task<TenantQuota> GetQuotaAsync(string tenant, CancellationToken cancellationToken) =>
        Task.FromResult(_tenants.GetValueOrDefault(tenant)?.Quota ?? TenantQuota.Unlimited);

    private Tenant Change(string tenant, Func<Tenant, Tenant> change) =>
        _tenants[tenant] = change(_tenants.GetValueOrDefault(tenant) ?? throw new TenantNotFoundException(tenant));
}

/// <summary>Idempotency keys in memory, counting claims.</summary>
internal sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly ConcurrentDictionary<(string, string), (string BodyHash, string RunId)> _keys = new();

    public Task<IdempotencyClaim> ClaimAsync(string tenant, string key, string bodyHash, string runId, CancellationToken cancellationToken)
    {
        var bound = _keys.GetOrAdd((tenant, key), (bodyHash, runId));
        return Task.FromResult(new IdempotencyClaim(bound.RunId, bound.RunId == runId && bound.BodyHash == bodyHash, bound.BodyHash == bodyHash));
    }
}

/// <summary>Accepted signatures in memory.</summary>
internal sealed class InMemoryReplayGuard : IReplayGuard
{
    private readonly ConcurrentDictionary<(string, string), bool> _seen = new();

    public Task<bool> TryRecordAsync(string tenant, string signatureHex, DateTimeOffset signedAt, CancellationToken cancellationToken) =>
        Task.FromResult(_seen.TryAdd((tenant, signatureHex), true));
}

/// <summary>Callback records in memory.</summary>
internal sealed class InMemoryCallbackLog : ICallbackLog
{
    private readonly ConcurrentDictionary<(string, string), CallbackRecord> _records = new();

    public Task<CallbackRecord?> GetAsync(string tenant, string runId, CancellationToken cancellationToken) => Task.FromResult(_records.GetValueOrDefault((tenant, runId)));

    public Task SaveAsync(string tenant, string runId, CallbackRecord record, CancellationToken cancellationToken)
    {
        _records[(tenant, runId)] = record;
        return Task.CompletedTask;
    }
}
