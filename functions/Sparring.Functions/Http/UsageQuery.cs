using System.Globalization;
using Microsoft.AspNetCore.Http;
using Sparring.Metering.Usage;

namespace Sparring.Functions.Http;

/// <summary>The usage API's query: a period [from, to) of at most <see cref="MaxDays"/> days, a grouping, and the format.</summary>
internal sealed record UsageQuery(DateTimeOffset From, DateTimeOffset To, UsageGrouping? GroupBy, bool Csv)
{
    /// <summary>The longest period one request may ask for.</summary>
    public const int MaxDays = 366;

    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    /// <summary>
    /// Reads from (default: the start of the current UTC month), to (default: now), groupBy (day or run; default one
    /// line per episode) and format (json or csv); every mistake goes into <paramref name="errors"/> under the parameter's name.
    /// </summary>
    public static UsageQuery? Parse(IQueryCollection query, DateTimeOffset now, bool csvRoute, ValidationErrors errors)
    {
        var utcNow = now.ToUniversalTime();
        var from = Time(query, "from", errors) ?? new DateTimeOffset(utcNow.Year, utcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var to = Time(query, "to", errors) ?? utcNow;
        if (errors.Count == 0 && to <= from)
        {
            errors.Add("to", $"must be after from ({from:O}); to is exclusive.");
        }
        else if (errors.Count == 0 && (to - from).TotalDays > MaxDays)
        {
            errors.Add("to", $"is more than {MaxDays} days after from: ask for a year at most per request.");
        }

        UsageGrouping? groupBy = null;
        if (Single(query, "groupBy", errors) is { } grouping)
        {
            groupBy = UsageGroupings.Parse(grouping);
            if (groupBy is null)
            {
                errors.Add("groupBy", $"'{grouping}' is not a grouping: use day or run (or leave it out for one line per episode).");
            }
        }

        var csv = csvRoute;
        if (Single(query, "format", errors) is { } format)
        {
            switch (format.Trim().ToUpperInvariant())
            {
                case "CSV":
                    csv = true;
                    break;
                case "JSON" when !csvRoute:
                    break;
                default:
                    errors.Add("format", csvRoute ? $"'{format}' is not csv: usage.csv is always CSV." : $"'{format}' is not a format: use json or csv.");
                    break;
            }
        }

        return errors.Count == 0 ? new UsageQuery(from, to, groupBy, csv) : null;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (Single(query, name, errors) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        errors.Add(name, $"'{text}' is not an ISO 8601 date or UTC time: write 2026-11-01 or 2026-11-01T00:00:00Z.");
        return null;
    }

    private static string? Single(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(name, "is given more than once.");
            return null;
        }

        return string.IsNullOrWhiteSpace(values[0]) ? null : values[0];
    }
}
