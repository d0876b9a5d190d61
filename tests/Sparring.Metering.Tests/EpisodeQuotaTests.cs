using Sparring.Abstractions.Tenants;
using Sparring.Metering.Ledger;
using Sparring.Metering.Quotas;
using Sparring.Metering.Usage;

namespace Sparring.Metering.Tests;

public class EpisodeQuotaTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private sealed class Quotas(TenantQuota quota) : ITenantQuotas
    {
        public Task<TenantQuota> GetQuotaAsync(string tenant, CancellationToken cancellationToken) => Task.FromResult(quota);
    }

    private sealed class CountingLedger(long used) : IUsageLedger
    {
        public int Counts { get; private set; }

        public Task<bool> RecordAsync(UsageRecord record, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<UsageRecord>> ListAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<long> CountEpisodesInMonthAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken)
        {
            Counts++;
            return Task.FromResult(used);
        }
    }

    [Fact]
    public async Task A_run_needing_more_than_is_left_is_refused_with_a_message_saying_how_much()
    {
        var quota = new EpisodeQuota(new Quotas(new TenantQuota(EpisodesPerMonth: 1_000)), new CountingLedger(880));

        var decision = await quota.CheckRunAsync("acme", 400, Now, default);

        Assert.False(decision.Allowed);
        Assert.Equal(120, decision.Allowance.Left);
        Assert.Equal("tenant 'acme' has 120 of its 1,000 episodes left this month; this run needs 400", decision.Message);
    }

    [Theory]
    [InlineData(120, true)]
    [InlineData(121, false)]
    public async Task A_run_fits_exactly_up_to_what_is_left(long episodes, bool allowed)
    {
        var quota = new EpisodeQuota(new Quotas(new TenantQuota(EpisodesPerMonth: 1_000)), new CountingLedger(880));

        Assert.Equal(allowed, (await quota.CheckRunAsync("acme", episodes, Now, default)).Allowed);
    }

    [Fact]
    public async Task An_unlimited_tenant_is_always_allowed_without_counting()
    {
        var ledger = new CountingLedger(1_000_000);
        var quota = new EpisodeQuota(new UnlimitedTenantQuotas(), ledger);

        var decision = await quota.CheckRunAsync("acme", 1_000_000, Now, default);

        Assert.True(decision.Allowed);
        Assert.Null(decision.Message);
        Assert.Equal(0, ledger.Counts);
    }

    [Fact]
    public async Task A_tenant_over_its_quota_has_none_left_rather_than_a_negative_number()
    {
        var quota = new EpisodeQuota(new Quotas(new TenantQuota(EpisodesPerMonth: 10)), new CountingLedger(12));

        var decision = await quota.CheckRunAsync("acme", 1, Now, default);

        Assert.Equal("tenant 'acme' has 0 of its 10 episodes left this month; this run needs 1", decision.Message);
    }
}
