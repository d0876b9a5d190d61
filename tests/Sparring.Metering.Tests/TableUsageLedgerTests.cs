using Sparring.Metering.Ledger;
using Sparring.Metering.Usage;

namespace Sparring.Metering.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableUsageLedgerTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Nov27 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private TableUsageLedger NewLedger() => TableUsageLedger.Create(azurite.ConnectionString, $"usage{Guid.NewGuid():N}");

    [Fact]
    public async Task An_episode_recorded_again_is_stored_once_and_the_first_record_stands()
    {
        var ledger = NewLedger();
        var first = Records.Episode("acme", "run-1", "s1.0", Nov27);

        Assert.True(await ledger.RecordAsync(first, default));
        Assert.False(await ledger.RecordAsync(first with { ToolCalls = 99 }, default));

        var stored = Assert.Single(await ledger.ListAsync("acme", Nov27.AddDays(-1), Nov27.AddDays(1), default));
        Assert.Equal(first, stored);
        Assert.Equal(1, await ledger.CountEpisodesInMonthAsync("acme", Nov27, default));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_episode_count_once_in_the_month()
    {
        var ledger = NewLedger();
        var record = Records.Episode("acme", "run-1", "s1.0", Nov27);

        var written = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ledger.RecordAsync(record, default)));

        Assert.Equal(1, written.Count(w => w));
        Assert.Equal(1, await ledger.CountEpisodesInMonthAsync("acme", Nov27, default));
    }

    [Fact]
    public async Task The_month_count_is_per_tenant_and_per_UTC_month()
    {
        var ledger = NewLedger();
        await ledger.RecordAsync(Records.Episode("acme", "r1", "a.0", new DateTimeOffset(2026, 10, 31, 23, 59, 0, TimeSpan.Zero)), default);
        await ledger.RecordAsync(Records.Episode("acme", "r1", "a.1", new DateTimeOffset(2026, 11, 1, 0, 30, 0, TimeSpan.FromHours(2))), default); // 22:30 UTC on Oct 31
        await ledger.RecordAsync(Records.Episode("acme", "r1", "a.2", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)), default);
        await ledger.RecordAsync(Records.Episode("other", "r1", "a.3", Nov27), default);

        Assert.Equal(2, await ledger.CountEpisodesInMonthAsync("acme", new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero), default));
        Assert.Equal(1, await ledger.CountEpisodesInMonthAsync("acme", Nov27, default));
        Assert.Equal(0, await ledger.CountEpisodesInMonthAsync("nobody", Nov27, default));
    }

    [Fact]
    public async Task A_period_across_months_lists_the_tenants_records_in_it_oldest_first_to_exclusive()
    {
        var ledger = NewLedger();
        var oct30 = new DateTimeOffset(2026, 10, 30, 8, 0, 0, TimeSpan.Zero);
        var nov2 = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        await ledger.RecordAsync(Records.Episode("acme", "r2", "b.0", nov2), default);
        await ledger.RecordAsync(Records.Episode("acme", "r1", "a.0", oct30), default);
        await ledger.RecordAsync(Records.Episode("acme", "r3", "c.0", Nov27), default);
        await ledger.RecordAsync(Records.Episode("beta", "r1", "a.0", nov2), default);

        var listed = await ledger.ListAsync("acme", new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), Nov27, default);

        Assert.Equal(["a.0", "b.0"], listed.Select(r => r.EpisodeId));
        Assert.All(listed, r => Assert.Equal("acme", r.Tenant));
    }

    [Fact]
    public async Task Totals_group_by_UTC_day_and_by_run_and_keep_cost_exact()
    {
        var ledger = NewLedger();
        var day1 = new DateTimeOffset(2026, 11, 3, 23, 30, 0, TimeSpan.Zero);
        var day2 = new DateTimeOffset(2026, 11, 4, 0, 30, 0, TimeSpan.Zero);
        await ledger.RecordAsync(Records.Episode("acme", "r1", "a.0", day1, policyCost: 0.1m), default);
        await ledger.RecordAsync(Records.Episode("acme", "r1", "a.1", day2, policyCost: 0.2m), default);
        await ledger.RecordAsync(Records.Episode("acme", "r2", "a.0", day2, policyCost: 0.3m), default);
        var records = await ledger.ListAsync("acme", day1.AddHours(-1), day2.AddHours(1), default);

        var byDay = UsageTotals.GroupBy(records, UsageGrouping.Day);
        var byRun = UsageTotals.GroupBy(records, UsageGrouping.Run);

        Assert.Equal([("2026-11-03", 1L), ("2026-11-04", 2L)], byDay.Select(t => (t.Group, t.Episodes)));
        Assert.Equal([("r1", 2L), ("r2", 1L)], byRun.Select(t => (t.Group, t.Episodes)));
        Assert.Equal(0.3m + 0.004m, byRun[0].CostUsd);
        Assert.Equal(0.6m + 0.006m, UsageTotals.Of(UsageTotals.Total, records).CostUsd);
        Assert.Equal(9, UsageTotals.Of(UsageTotals.Total, records).ToolCalls);
    }

    [Fact]
    public async Task Keys_that_a_table_cannot_hold_are_refused_with_the_field_named()
    {
        var ledger = NewLedger();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ledger.RecordAsync(Records.Episode("acme", "run/1", "a.0", Nov27), default));

        Assert.Contains("run id 'run/1'", error.Message, StringComparison.Ordinal);
    }
}
