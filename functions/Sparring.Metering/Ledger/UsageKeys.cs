using System.Globalization;

namespace Sparring.Metering.Ledger;

/// <summary>
/// The ledger's Table keys. PartitionKey <c>{tenant}|{yyyy-MM}</c> (the UTC month the episode finished) keeps a
/// tenant's month in one partition, so the quota count and a month's bill are single-partition queries; RowKey
/// <c>{runId}|{episodeId}</c> makes the key of an episode deterministic, so a second insert of it is a 409.
/// </summary>
public static class UsageKeys
{
    /// <summary>The partition of the tenant's month containing <paramref name="at"/>.</summary>
    public static string Partition(string tenant, DateTimeOffset at)
    {
        Check(tenant, "tenant");
        return $"{tenant}|{Month(at)}";
    }

    /// <summary>The row of an episode of a run.</summary>
    public static string Row(string runId, string episodeId)
    {
        Check(runId, "run id");
        Check(episodeId, "episode id");
        return $"{runId}|{episodeId}";
    }

    /// <summary>The UTC month of <paramref name="at"/>, as yyyy-MM.</summary>
    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first instant of each UTC month that overlaps [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IEnumerable<DateTimeOffset> Months(DateTimeOffset from, DateTimeOffset to)
    {
        var month = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (; month < to; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    private static void Check(string value, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, what);

        // Table keys may not hold these; '|' separates the parts of a key.
        if (value.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c)))
        {
            throw new ArgumentException($"The {what} '{value}' cannot be part of a usage key: it may not contain / \\ # ? | or control characters.", what);
        }
    }
}
