using System.Globalization;
using Sparring.Metering.Usage;

namespace Sparring.Metering.Export;

/// <summary>
/// Usage as CSV for billing systems: a header row, then one line per episode or per group; RFC 4180 (comma separated,
/// CRLF line ends, fields with commas, quotes or line breaks quoted with doubled quotes); invariant culture numbers,
/// ISO 8601 UTC times.
/// </summary>
public static class UsageCsv
{
    /// <summary>The columns of the per-episode export.</summary>
    public static IReadOnlyList<string> EpisodeColumns { get; } =
    [
        "tenant", "run_id", "episode_id", "scenario_id", "finished_at",
        "policy_model", "policy_input_tokens", "policy_output_tokens", "policy_cost_usd", "policy_cost_basis",
        "user_model", "user_input_tokens", "user_output_tokens", "user_cost_usd", "user_cost_basis",
        "judge_model", "judge_input_tokens", "judge_output_tokens", "judge_cost_usd", "judge_cost_basis",
        "tokens_estimated", "tool_calls", "duration_ms", "platform_fee_usd", "cost_usd",
    ];

    /// <summary>The columns of the grouped export; the first is named after the grouping (day or run_id).</summary>
    public static IReadOnlyList<string> TotalsColumns(UsageGrouping grouping) =>
    [
        grouping == UsageGrouping.Day ? "day" : "run_id", "episodes",
        "policy_input_tokens", "policy_output_tokens", "user_input_tokens", "user_output_tokens", "judge_input_tokens", "judge_output_tokens",
        "tool_calls", "duration_ms", "platform_fee_usd", "cost_usd",
    ];

    /// <summary>Writes one line per episode.</summary>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<UsageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        await LineAsync(writer, EpisodeColumns, cancellationToken).ConfigureAwait(false);
        foreach (var r in records)
        {
            await LineAsync(writer,
            [
                r.Tenant, r.RunId, r.EpisodeId, r.ScenarioId, Time(r.FinishedAt),
                .. Participant(r.Policy), .. Participant(r.User), .. Participant(r.Judge),
                r.TokensEstimated ? "true" : "false", Number(r.ToolCalls), Number(r.DurationMs), Number(r.PlatformFeeUsd), Number(r.CostUsd),
            ], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes one line per group.</summary>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<UsageTotals> totals, UsageGrouping grouping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(totals);
        await LineAsync(writer, TotalsColumns(grouping), cancellationToken).ConfigureAwait(false);
        foreach (var t in totals)
        {
            await LineAsync(writer,
            [
                t.Group, Number(t.Episodes),
                Number(t.PolicyInputTokens), Number(t.PolicyOutputTokens), Number(t.UserInputTokens), Number(t.UserOutputTokens), Number(t.JudgeInputTokens), Number(t.JudgeOutputTokens),
                Number(t.ToolCalls), Number(t.DurationMs), Number(t.PlatformFeeUsd), Number(t.CostUsd),
            ], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, a quote or a line break.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string[] Participant(ParticipantUsage usage) =>
        [usage.Model, Number(usage.InputTokens), Number(usage.OutputTokens), Number(usage.CostUsd), Basis(usage.CostBasis)];

    private static string Basis(CostBasis basis) => basis switch
    {
        CostBasis.PriceTable => "price_table",
        CostBasis.Trajectory => "trajectory",
        _ => "none",
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task LineAsync(TextWriter writer, IEnumerable<string> fields, CancellationToken cancellationToken) =>
        writer.WriteAsync($"{string.Join(',', fields.Select(Field))}\r\n".AsMemory(), cancellationToken);
}
