using Sparring.Tenancy.RateLimits;

namespace Sparring.Tenancy.Tests;

public sealed class TenantRateLimiterTests
{
    [Fact]
    public void A_tenant_past_its_burst_is_refused_with_a_retry_after_and_others_are_not()
    {
        using var limiter = new TenantRateLimiter(new RateLimitOptions { TokenLimit = 3, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) });

        var decisions = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire("contoso")).ToList();

        Assert.All(decisions.Take(3), d => Assert.True(d.Allowed));
        Assert.False(decisions[3].Allowed);
        Assert.InRange(decisions[3].RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.True(limiter.TryAcquire("fabrikam").Allowed);
    }

    [Fact]
    public void A_disabled_limiter_allows_everything()
    {
        using var limiter = new TenantRateLimiter(new RateLimitOptions { Enabled = false, TokenLimit = 1 });

        Assert.All(Enumerable.Range(0, 10), _ => Assert.True(limiter.TryAcquire("contoso").Allowed));
    }
}
