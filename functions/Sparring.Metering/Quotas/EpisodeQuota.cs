using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Tenants;
using Sparring.Metering.Ledger;

namespace Sparring.Metering.Quotas;

/// <summary>
/// A tenant's monthly episode quota against the ledger: the quota comes from <see cref="ITenantQuotas"/> (the tenant
/// directory), the episodes used are the ledger's rows of the calendar month (UTC).
/// </summary>
public sealed class EpisodeQuota(ITenantQuotas quotas, IUsageLedger ledger)
{
    /// <summary>The tenant's limit for the month of <paramref name="at"/> and the episodes used; the ledger is not read when there is no limit.</summary>
    public async Task<EpisodeAllowance> AllowanceAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        var quota = await quotas.GetQuotaAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (quota.EpisodesPerMonth is not { } limit)
        {
            return EpisodeAllowance.Unlimited;
        }

        return new EpisodeAllowance(limit, await ledger.CountEpisodesInMonthAsync(tenant, at, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Whether a run of <paramref name="episodes"/> episodes started at <paramref name="at"/> fits in the tenant's quota, with the message when it does not.</summary>
    public async Task<QuotaDecision> CheckRunAsync(string tenant, long episodes, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episodes);
        return new QuotaDecision(tenant, await AllowanceAsync(tenant, at, cancellationToken).ConfigureAwait(false), episodes);
    }
}
