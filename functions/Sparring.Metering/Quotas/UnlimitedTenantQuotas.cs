using Sparring.Abstractions.Tenants;

namespace Sparring.Metering.Quotas;

/// <summary>Every tenant unlimited: the explicit choice of a host without a tenant directory (the CLI, a Function App before tenants are configured).</summary>
public sealed class UnlimitedTenantQuotas : ITenantQuotas
{
    /// <inheritdoc />
    public Task<TenantQuota> GetQuotaAsync(string tenant, CancellationToken cancellationToken) => Task.FromResult(TenantQuota.Unlimited);
}
