using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Metering.Export;
using Sparring.Metering.Usage;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring usage --tenant t [--from] [--to] [--group-by day|run] [--csv]: a tenant's metered usage from the ledger
/// in the configured storage account (or the repository's Azurite), as a table or as CSV for billing.
/// </summary>
internal static class UsageCommand
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    public static Command Create(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant whose usage to show.", Required = true };
        var from = new Option<string?>("--from") { Description = "Start (inclusive), a date or UTC time: 2026-11-01 or 2026-11-01T00:00:00Z. Default: the start of this month (UTC)." };
        var to = new Option<string?>("--to") { Description = "End (exclusive), a date or UTC time. Default: now." };
        var groupBy = new Option<string?>("--group-by") { Description = "day or run; default one line per episode." };
        groupBy.AcceptOnlyFromAmong("day", "run");
        var csv = new Option<bool>("--csv") { Description = "Print CSV (the billing export) instead of a table." };

        var command = new Command("usage", "Show a tenant's metered usage (episodes, tokens, cost) from the usage ledger.") { tenant, from, to, groupBy, csv };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow;
            var start = Time(parse.GetValue(from), "--from") ?? new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var end = Time(parse.GetValue(to), "--to") ?? now;
            if (end <= start)
            {
                throw new CliException($"--to ({end:O}) must be after --from ({start:O}).");
            }

            var grouping = UsageGroupings.Parse(parse.GetValue(groupBy));
            var ledger = await UsageLedgers.CreateAsync(configuration, () => StorageTargets.ConnectionStringAsync(configuration, console, cancellationToken), logging).ConfigureAwait(false);
            var name = parse.GetRequiredValue(tenant);
            var records = await ledger.ListAsync(name, start, end, cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(csv))
            {
                // Raw text, so the terminal's width never wraps a CSV line.
                var writer = console.Profile.Out.Writer;
                if (grouping is { } g)
                {
                    await UsageCsv.WriteAsync(writer, UsageTotals.GroupBy(records, g), g, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await UsageCsv.WriteAsync(writer, records, cancellationToken).ConfigureAwait(false);
                }

                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }

            Print(console, UsageReport.Of(name, start, end, grouping, records));
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, UsageReport report)
    {
        var title = $"Usage of {Markup.Escape(report.Tenant)}, {report.From:yyyy-MM-dd HH:mm} to {report.To:yyyy-MM-dd HH:mm} UTC";
        if (report.Episodes is { } episodes)
        {
            var table = new Table().Title(title).AddColumn("finished (UTC)").AddColumn("run").AddColumn("episode")
                .AddColumn(new TableColumn("policy tokens").RightAligned()).AddColumn(new TableColumn("user tokens").RightAligned()).AddColumn(new TableColumn("judge tokens").RightAligned())
                .AddColumn(new TableColumn("tool calls").RightAligned()).AddColumn(new TableColumn("cost USD").RightAligned());
            foreach (var r in episodes)
            {
                table.AddRow(
                    r.FinishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Markup.Escape(r.RunId), Markup.Escape(r.EpisodeId),
                    N(r.Policy.InputTokens + r.Policy.OutputTokens), N(r.User.InputTokens + r.User.OutputTokens), N(r.Judge.InputTokens + r.Judge.OutputTokens),
                    N(r.ToolCalls), Usd(r.CostUsd));
            }

            console.Write(table);
        }
        else
        {
            var table = new Table().Title(title).AddColumn(report.GroupBy ?? "group").AddColumn(new TableColumn("episodes").RightAligned())
                .AddColumn(new TableColumn("policy tokens").RightAligned()).AddColumn(new TableColumn("user tokens").RightAligned()).AddColumn(new TableColumn("judge tokens").RightAligned())
                .AddColumn(new TableColumn("tool calls").RightAligned()).AddColumn(new TableColumn("cost USD").RightAligned());
            foreach (var t in report.Groups ?? [])
            {
                table.AddRow(Markup.Escape(t.Group), N(t.Episodes), N(t.PolicyInputTokens + t.PolicyOutputTokens), N(t.UserInputTokens + t.UserOutputTokens), N(t.JudgeInputTokens + t.JudgeOutputTokens), N(t.ToolCalls), Usd(t.CostUsd));
            }

            console.Write(table);
        }

        console.WriteLine($"Total: {N(report.Total.Episodes)} episodes, {N(report.Total.PolicyInputTokens + report.Total.PolicyOutputTokens + report.Total.UserInputTokens + report.Total.UserOutputTokens + report.Total.JudgeInputTokens + report.Total.JudgeOutputTokens)} tokens, {Usd(report.Total.CostUsd)} USD");
    }

    private static DateTimeOffset? Time(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new CliException($"{option} '{text}' is not a date or UTC time: write 2026-11-01 or 2026-11-01T00:00:00Z.");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Usd(decimal value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
