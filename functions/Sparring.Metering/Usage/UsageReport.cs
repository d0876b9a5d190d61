using System.Text.Json.Serialization;

namespace Sparring.Metering.Usage;

/// <summary>A tenant's usage over a period: the total, and either totals per day or run, or every episode.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="From">The period's start (inclusive, UTC).</param>
/// <param name="To">The period's end (exclusive, UTC).</param>
/// <param name="GroupBy">day, run, or null for one line per episode.</param>
/// <param name="Total">The whole period.</param>
/// <param name="Groups">Totals per day or run, when grouped.</param>
/// <param name="Episodes">Every episode's record, when not grouped.</param>
public sealed record UsageReport(
    string Tenant,
    DateTimeOffset From,
    DateTimeOffset To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? GroupBy,
    UsageTotals Total,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<UsageTotals>? Groups,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<UsageRecord>? Episodes)
{
    /// <summary>The report of <paramref name="records"/>, grouped by <paramref name="grouping"/> or listed one by one when it is null.</summary>
    public static UsageReport Of(string tenant, DateTimeOffset from, DateTimeOffset to, UsageGrouping? grouping, IReadOnlyList<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new UsageReport(
            tenant,
            from.ToUniversalTime(),
            to.ToUniversalTime(),
            grouping is { } g ? UsageGroupings.Name(g) : null,
            UsageTotals.Of(UsageTotals.Total, records),
            grouping is { } by ? UsageTotals.GroupBy(records, by) : null,
            grouping is null ? records : null);
    }
}
