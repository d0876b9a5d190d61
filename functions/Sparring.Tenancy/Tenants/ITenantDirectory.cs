using Sparring.Abstractions.Tenants;

namespace Sparring.Tenancy.Tenants;

/// <summary>The tenants: who they are, how they authenticate and what they may use.</summary>
public interface ITenantDirectory : ITenantQuotas
{
    /// <summary>Creates a tenant with a new API key and webhook secret, returned here once.</summary>
    /// <exception cref="TenantExistsException">The id is taken.</exception>
    /// <exception cref="ArgumentException">The id or a setting breaks its rule.</exception>
    Task<TenantCreated> CreateAsync(TenantDefinition definition, CancellationToken cancellationToken);

    /// <summary>The tenant, or null when there is none with the id.</summary>
    Task<Tenant?> GetAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Every tenant, in id order (the nightly schedule reads their CRONs).</summary>
    IAsyncEnumerable<Tenant> ListAsync(CancellationToken cancellationToken);

    /// <summary>The tenant whose current API key is <paramref name="apiKey"/>, or null for a malformed, unknown or superseded key.</summary>
    Task<Tenant?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken);

    /// <summary>Replaces the tenant's API key; the old one stops working at once. Returns the new key, shown once.</summary>
    /// <exception cref="TenantNotFoundException">No such tenant.</exception>
    Task<string> RotateApiKeyAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Replaces the tenant's webhook secret; signatures made with the old one stop verifying. Returns the new secret, shown once.</summary>
    /// <exception cref="TenantNotFoundException">No such tenant.</exception>
    Task<string> RotateWebhookSecretAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Changes the tenant's settings and returns it as stored.</summary>
    /// <exception cref="TenantNotFoundException">No such tenant.</exception>
    /// <exception cref="ArgumentException">A setting breaks its rule.</exception>
    Task<Tenant> UpdateAsync(string tenant, TenantChanges changes, CancellationToken cancellationToken);
}
