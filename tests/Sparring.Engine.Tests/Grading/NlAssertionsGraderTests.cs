using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Engine.Tests.Fixtures;

namespace Sparring.Engine.Tests.Grading;

public class NlAssertionsGraderTests
{
    private static GradingContext Episode(params string[] assertions) => new(
        new ScenarioSpec { Id = "s", Persona = new PersonaSpec { ReasonForCall = "t-shirts" }, Expected = new ExpectedOutcome { Assertions = assertions } },
        [new ChatMessageRecord { Role = "user", Content = "How many t-shirt options are there?" }, new ChatMessageRecord { Role = "assistant", Content = "There are 10." }],
        [],
        "h",
        "h",
        false,
        new Termination(TerminationReason.UserStop));

    private static ChatModel Judge(string answer, out FakeChatClient client) =>
        GradingFixtures.Judge(answer, out client, inputTokens: 400, outputTokens: 40, new ModelPricing(1m, 1m));

    [Fact]
    public async Task Scores_the_share_of_assertions_met_and_names_the_unmet_ones()
    {
        var judge = Judge("""{"assertions":[{"index":1,"met":true,"reason":"said 10"},{"index":2,"met":false,"reason":"no price given"}]}""", out var client);

        var result = await new NlAssertionsGrader("nl", judge).GradeAsync(Episode("Agent says there are 10 options.", "Agent gives the price."), default);

        Assert.True(result.Applicable);
        Assert.Equal(0.5, result.Score);
        Assert.Contains("'Agent gives the price.' (no price given)", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0.00044m, result.CostUsd);
        Assert.Contains("2. Agent gives the price.", client.Requests[0][0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_apply_without_assertions_and_never_calls_the_judge()
    {
        var judge = Judge("{}", out var client);

        var result = await new NlAssertionsGrader("nl", judge).GradeAsync(Episode(), default);

        Assert.False(result.Applicable);
        Assert.Equal(0, client.Calls);
    }

    [Fact]
    public async Task A_missing_verdict_leaves_the_grader_out_with_the_reason()
    {
        var result = await new NlAssertionsGrader("nl", Judge("""{"assertions":[{"index":1,"met":true}]}""", out _)).GradeAsync(Episode("a", "b"), default);

        Assert.False(result.Applicable);
        Assert.Contains("no verdict on assertion 2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_judge_the_grader_is_skipped_and_says_so()
    {
        var spec = GradingFixtures.SpecWith(new GraderSpec { Name = "nl", Type = GraderTypes.NlAssertions });

        var (results, reward, _) = await new EpisodeGrader(spec, judge: null).GradeAsync(Episode("a"), default);

        Assert.False(results[0].Applicable);
        Assert.Contains("no judge model is configured", results[0].Reason, StringComparison.Ordinal);
        Assert.Equal(1, reward);
    }
}
