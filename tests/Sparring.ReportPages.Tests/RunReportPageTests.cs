using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sparring.ReportPages.Tests;

/// <summary>The rendered page is one self-contained file whose embedded data survives any text an episode holds.</summary>
public sealed partial class RunReportPageTests
{
    [Fact]
    public void Text_that_would_close_the_script_block_stays_data_and_the_page_loads_nothing_from_the_network()
    {
        const string hostile = "</script><script>alert(1)</script><!-- {{SCRIPT}}";
        var table = new EpisodeTable();
        table.Add(Episodes.Trajectory("r1", "order.0", hostile));

        var page = RunReportPage.Render(RunReportPageLoader.Content("r1 <b>", Episodes.Report("r1", 1), table, "r1"));

        // Only the page's own two script blocks end.
        Assert.Equal(2, Regex.Matches(page, "</script", RegexOptions.IgnoreCase).Count);
        Assert.Contains("<title>r1 &lt;b&gt; · Sparring report</title>", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", page);
        using var data = JsonDocument.Parse(DataBlock().Match(page).Groups[1].Value);
        var message = data.RootElement.GetProperty("episodes")[0].GetProperty("messages")[1];
        Assert.Equal(hostile, message.GetProperty("content").GetString());
    }

    [Fact]
    public void The_page_leaves_out_the_sampled_token_ids_and_keeps_the_conversation_with_tool_calls()
    {
        var table = new EpisodeTable();
        table.Add(Episodes.Trajectory("r1", "order.0"));

        var data = RunReportPage.Data(RunReportPageLoader.Content("r1", Episodes.Report("r1", 1), table, "r1"));

        using var document = JsonDocument.Parse(data);
        var episode = document.RootElement.GetProperty("episodes")[0];
        Assert.Equal("get_order", episode.GetProperty("messages")[2].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.True(episode.GetProperty("toolCalls")[0].GetProperty("valid").GetBoolean());
        Assert.Equal("the final state equals the gold state", episode.GetProperty("graders")[0].GetProperty("reason").GetString());
        Assert.DoesNotContain("generatedTokens", data, StringComparison.Ordinal);
        Assert.Equal("user_stop", episode.GetProperty("termination").GetString());
    }

    [Fact]
    public void Conversations_past_the_budget_are_left_out_but_every_episode_keeps_its_row()
    {
        var one = JsonSerializer.SerializeToUtf8Bytes(ReportEpisode.From(Episodes.Trajectory("r1", "order.0"), withConversation: true), ReportsJsonContext.Default.ReportEpisode).Length;
        var table = new EpisodeTable(conversationBudgetBytes: one * 2 + 10);

        for (var i = 0; i < 5; i++)
        {
            table.Add(Episodes.Trajectory("r1", $"order.{i}"));
        }

        Assert.Equal(5, table.Rows.Count);
        Assert.Equal(3, table.ConversationsLeftOut);
        Assert.NotNull(table.Rows[1].Messages);
        Assert.Null(table.Rows[2].Messages);
        Assert.Equal(1, table.Rows[4].Reward);
    }

    [GeneratedRegex("""<script type="application/json" id="report-data">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}
