namespace Sparring.Abstractions.Tenants;

/// <summary>Where a tenant's quota is read from (the tenant directory in production).</summary>
public interface ITenantQuotas
{
    /// <summary>The tenant's quota; <see cref="TenantQuota.Unlimited"/> for a tenant with none set.</summary>
    Task<TenantQuota> GetQuotaAsync(string tenant, CancellationToken cancellationToken);
}
