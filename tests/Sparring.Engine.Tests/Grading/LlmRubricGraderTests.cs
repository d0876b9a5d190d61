using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Engine.Tests.Fixtures;

namespace Sparring.Engine.Tests.Grading;

public class LlmRubricGraderTests
{
    private static readonly GraderSpec Spec = new()
    {
        Name = "quality",
        Type = "llm_rubric",
        Criteria = [new RubricCriterion("empathy", "Acknowledges feelings."), new RubricCriterion("clarity", "Is easy to follow.")],
    };

    private static GradingContext Episode() => new(
        new ScenarioSpec { Id = "s", Persona = new PersonaSpec { ReasonForCall = "late delivery" }, Expected = new ExpectedOutcome() },
        [new ChatMessageRecord { Role = "user", Content = "Where is my order?" }, new ChatMessageRecord { Role = "assistant", Content = "I'm sorry, it ships today." }],
        [],
        "h",
        "h",
        false,
        new Termination(TerminationReason.UserStop));

    private static ChatModel Judge(string answer, out FakeChatClient client) =>
        GradingFixtures.Judge(answer, out client, inputTokens: 1_000, outputTokens: 100, new ModelPricing(2.5m, 10m));

    [Fact]
    public async Task Scores_are_normalized_means_of_one_to_five_and_cost_is_counted()
    {
        var judge = Judge("""{"scores":[{"criterion":"empathy","score":5,"reason":"kind"},{"criterion":"clarity","score":3,"reason":"ok"}]}""", out var client);

        var result = await new LlmRubricGrader(Spec, judge).GradeAsync(Episode(), default);

        // empathy (5-1)/4 = 1, clarity (3-1)/4 = 0.5, mean 0.75; cost = 1000 * 2.5/1M + 100 * 10/1M = 0.0035
        Assert.True(result.Applicable);
        Assert.Equal(0.75, result.Score, 12);
        Assert.Equal(0.5, result.Criteria!["clarity"], 12);
        Assert.Equal(0.0035m, result.CostUsd);
        Assert.Contains("CUSTOMER: Where is my order?", client.Requests[0][1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verdict_in_a_code_fence_is_read()
    {
        var judge = Judge("```json\n{\"scores\":[{\"criterion\":\"Empathy\",\"score\":1},{\"criterion\":\"clarity\",\"score\":1}]}\n```", out _);

        var result = await new LlmRubricGrader(Spec, judge).GradeAsync(Episode(), default);

        Assert.Equal(0, result.Score);
    }

    [Theory]
    [InlineData("not json at all", "not the requested JSON")]
    [InlineData("""{"scores":[{"criterion":"empathy","score":9}]}""", "no score from 1 to 5 for 'empathy'")]
    [InlineData("""{"scores":[{"criterion":"empathy","score":4}]}""", "no score from 1 to 5 for 'clarity'")]
    public async Task An_unusable_verdict_leaves_the_grader_out_with_the_reason(string answer, string reason)
    {
        var result = await new LlmRubricGrader(Spec, Judge(answer, out _)).GradeAsync(Episode(), default);

        Assert.False(result.Applicable);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }
}
