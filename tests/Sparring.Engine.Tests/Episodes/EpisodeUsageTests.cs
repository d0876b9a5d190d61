using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Episodes;
using Sparring.Engine.Users;

namespace Sparring.Engine.Tests.Episodes;

public class EpisodeUsageTests
{
    private static ModelCall PolicyCall(long input, long output, bool estimated, double latencyMs, IReadOnlyList<int>? generated = null)
    {
        var message = new ChatMessage(ChatRole.Assistant, "ok");
        if (generated is not null)
        {
            GeneratedTokens.Attach(message, generated);
        }

        return new ModelCall(new ChatResponse(message), new TokenCount(input, output), estimated, TimeSpan.FromMilliseconds(latencyMs));
    }

    [Fact]
    public void Policy_calls_and_user_turns_become_numbered_turns_in_order()
    {
        var usage = new EpisodeUsage(ModelPricing.Free, ModelPricing.Free);

        usage.RecordUserTurn(new UserTurn("Hi", Usage: new TokenCount(5, 1)), TimeSpan.FromTicks(12_346));
        usage.RecordPolicyCall(PolicyCall(100, 20, estimated: false, latencyMs: 812.0004, generated: [7, 8, 9]));
        usage.RecordUserTurn(new UserTurn("Bye", UserEnding.Satisfied), TimeSpan.FromMilliseconds(2));

        Assert.Equal(
            [
                new TurnRecord(0, "user", 1.235, 5, 1),
                new TurnRecord(1, "assistant", 812, 100, 20, usage.Turns[1].GeneratedTokens),
                new TurnRecord(2, "user", 2, 0, 0),
            ],
            usage.Turns);
        Assert.Equal([7, 8, 9], usage.Turns[1].GeneratedTokens!);
        Assert.Null(usage.Turns[0].GeneratedTokens);
    }

    [Fact]
    public void Tokens_add_up_per_participant_and_cost_is_each_ones_price()
    {
        var usage = new EpisodeUsage(new ModelPricing(1m, 2m), new ModelPricing(0.5m, 4m));

        usage.RecordPolicyCall(PolicyCall(1_000, 100, estimated: false, latencyMs: 1));
        usage.RecordPolicyCall(PolicyCall(2_000, 300, estimated: false, latencyMs: 1));
        usage.RecordUserTurn(new UserTurn("Hi", Usage: new TokenCount(400, 50)), TimeSpan.Zero);

        Assert.Equal(new UsageSummary(new TokenCount(3_000, 400), new TokenCount(400, 50), TokenCount.Zero, Estimated: false), usage.Summary);
        Assert.Equal(3_850, usage.TotalTokens);

        // policy 3000 * 1/1M + 400 * 2/1M = 0.0038; user 400 * 0.5/1M + 50 * 4/1M = 0.0004; the judge's as given
        Assert.Equal(new CostSummary(0.0038m, 0.0004m, 0.25m), usage.Cost(0.25m));
    }

    [Fact]
    public void One_estimated_count_marks_the_episodes_usage_as_estimated()
    {
        var usage = new EpisodeUsage(ModelPricing.Free, ModelPricing.Free);

        usage.RecordPolicyCall(PolicyCall(10, 1, estimated: false, latencyMs: 1));
        Assert.False(usage.Summary.Estimated);
        usage.RecordUserTurn(new UserTurn("Hi", Usage: new TokenCount(3, 1), UsageEstimated: true), TimeSpan.Zero);
        usage.RecordPolicyCall(PolicyCall(10, 1, estimated: false, latencyMs: 1));

        Assert.True(usage.Summary.Estimated);
    }
}
