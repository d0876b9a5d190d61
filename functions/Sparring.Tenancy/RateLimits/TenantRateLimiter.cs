using System.Threading.RateLimiting;

namespace Sparring.Tenancy.RateLimits;

/// <summary>
/// A token bucket per tenant, held in this process: with several app instances each has its own buckets, so a
/// tenant's effective limit is the configured one times the instance count (docs/tenants.md says so).
/// </summary>
public sealed class TenantRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    /// <summary>A limiter with <paramref name="options"/>; one that allows everything when they are disabled.</summary>
    public TenantRateLimiter(RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return;
        }

        _limiter = PartitionedRateLimiter.Create<string, string>(tenant => RateLimitPartition.GetTokenBucketLimiter(tenant, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.TokenLimit,
            TokensPerPeriod = options.TokensPerPeriod,
            ReplenishmentPeriod = options.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        Period = options.ReplenishmentPeriod;
    }

    private TimeSpan Period { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Takes one token of <paramref name="tenant"/>'s bucket, or says how long until one is back.</summary>
    public RateLimitDecision TryAcquire(string tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (_limiter is null)
        {
            return RateLimitDecision.Allow;
        }

        using var lease = _limiter.AttemptAcquire(tenant);
        if (lease.IsAcquired)
        {
            return RateLimitDecision.Allow;
        }

        return new RateLimitDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Period);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter?.Dispose();
}
