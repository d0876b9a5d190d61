using Sparring.Metering.Export;
using Sparring.Metering.Usage;

namespace Sparring.Metering.Tests;

public class UsageCsvTests
{
    private static readonly DateTimeOffset Finished = new(2026, 11, 27, 10, 0, 0, 250, TimeSpan.Zero);

    private static async Task<string[]> LinesAsync(Func<TextWriter, Task> write)
    {
        using var writer = new StringWriter();
        await write(writer);
        var text = writer.ToString();
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return text[..^2].Split("\r\n");
    }

    [Fact]
    public async Task One_line_per_episode_under_a_header_with_invariant_numbers_and_quoted_fields()
    {
        var record = Records.Episode("acme", "run-1", "refund, \"urgent\".0", Finished, policyCost: 1234.5m) with { DurationMs = 1234.5678 };

        var lines = await LinesAsync(w => UsageCsv.WriteAsync(w, [record], default));

        Assert.Equal(2, lines.Length);
        Assert.Equal(string.Join(',', UsageCsv.EpisodeColumns), lines[0]);
        Assert.Equal(
            "acme,run-1,\"refund, \"\"urgent\"\".0\",\"refund, \"\"urgent\"\"\",2026-11-27T10:00:00.250Z,"
            + "gpt-4o,100,20,1234.5,price_table,scripted,0,0,0,none,,0,0,0,none,false,3,1234.568,0.002,1234.502",
            lines[1]);
    }

    [Fact]
    public async Task One_line_per_group_with_the_grouping_as_first_column()
    {
        var records = new[]
        {
            Records.Episode("acme", "r1", "a.0", Finished),
            Records.Episode("acme", "r1", "a.1", Finished.AddDays(1)),
        };

        var byDay = await LinesAsync(w => UsageCsv.WriteAsync(w, UsageTotals.GroupBy(records, UsageGrouping.Day), UsageGrouping.Day, default));
        var byRun = await LinesAsync(w => UsageCsv.WriteAsync(w, UsageTotals.GroupBy(records, UsageGrouping.Run), UsageGrouping.Run, default));

        Assert.Equal(["day", "episodes"], byDay[0].Split(',')[..2]);
        Assert.Equal(["2026-11-27,1", "2026-11-28,1"], byDay[1..].Select(l => string.Join(',', l.Split(',')[..2])));
        Assert.Equal("run_id,episodes,policy_input_tokens,policy_output_tokens,user_input_tokens,user_output_tokens,judge_input_tokens,judge_output_tokens,tool_calls,duration_ms,platform_fee_usd,cost_usd", byRun[0]);
        Assert.Equal("r1,2,200,40,0,0,0,0,6,3000,0.004,0.006", byRun[1]);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Fields_are_quoted_as_RFC_4180_says(string value, string expected) => Assert.Equal(expected, UsageCsv.Field(value));
}
