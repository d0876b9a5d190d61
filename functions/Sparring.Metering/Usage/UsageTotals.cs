using System.Globalization;

namespace Sparring.Metering.Usage;

/// <summary>The sum of a group of usage records (a day, a run, or a whole period).</summary>
/// <param name="Group">The day (yyyy-MM-dd, UTC) or run id; "total" for a whole period.</param>
/// <param name="Episodes">Episodes recorded.</param>
/// <param name="PolicyInputTokens">Policy prompt tokens.</param>
/// <param name="PolicyOutputTokens">Policy completion tokens.</param>
/// <param name="UserInputTokens">Mock user prompt tokens.</param>
/// <param name="UserOutputTokens">Mock user completion tokens.</param>
/// <param name="JudgeInputTokens">Judge prompt tokens.</param>
/// <param name="JudgeOutputTokens">Judge completion tokens.</param>
/// <param name="ToolCalls">Tool calls.</param>
/// <param name="DurationMs">Summed episode durations in milliseconds.</param>
/// <param name="PlatformFeeUsd">Platform fees in US dollars.</param>
/// <param name="CostUsd">Estimated cost in US dollars, fees included.</param>
public sealed record UsageTotals(
    string Group,
    long Episodes,
    long PolicyInputTokens,
    long PolicyOutputTokens,
    long UserInputTokens,
    long UserOutputTokens,
    long JudgeInputTokens,
    long JudgeOutputTokens,
    long ToolCalls,
    double DurationMs,
    decimal PlatformFeeUsd,
    decimal CostUsd)
{
    /// <summary>The group name of a whole period's totals.</summary>
    public const string Total = "total";

    /// <summary>The sum of <paramref name="records"/> under the name <paramref name="group"/>.</summary>
    public static UsageTotals Of(string group, IEnumerable<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var totals = new UsageTotals(group, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        foreach (var r in records)
        {
            totals = totals with
            {
                Episodes = totals.Episodes + 1,
                PolicyInputTokens = totals.PolicyInputTokens + r.Policy.InputTokens,
                PolicyOutputTokens = totals.PolicyOutputTokens + r.Policy.OutputTokens,
                UserInputTokens = totals.UserInputTokens + r.User.InputTokens,
                UserOutputTokens = totals.UserOutputTokens + r.User.OutputTokens,
                JudgeInputTokens = totals.JudgeInputTokens + r.Judge.InputTokens,
                JudgeOutputTokens = totals.JudgeOutputTokens + r.Judge.OutputTokens,
                ToolCalls = totals.ToolCalls + r.ToolCalls,
                DurationMs = totals.DurationMs + r.DurationMs,
                PlatformFeeUsd = totals.PlatformFeeUsd + r.PlatformFeeUsd,
                CostUsd = totals.CostUsd + r.CostUsd,
            };
        }

        return totals;
    }

    /// <summary>The totals of <paramref name="records"/> per day or per run, ordered by group.</summary>
    public static IReadOnlyList<UsageTotals> GroupBy(IEnumerable<UsageRecord> records, UsageGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(records);
        Func<UsageRecord, string> key = grouping switch
        {
            UsageGrouping.Day => r => r.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            UsageGrouping.Run => r => r.RunId,
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Group by day or run."),
        };
        return [.. records.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Of(g.Key, g))];
    }
}
