using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;

namespace Sparring.Engine.Tests.Grading;

public class RubricScorerGraderTests
{
    private static readonly GraderSpec Rubric = new()
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

    [Fact]
    public async Task Without_a_judge_the_scorer_grades_the_rubric_and_the_trajectory_names_it()
    {
        var grader = new EpisodeGrader(GradingFixtures.SpecWith(Rubric), judge: null, new FixedScorer("empathy", "clarity"));

        var (results, reward, _) = await grader.GradeAsync(Episode(), default);

        Assert.True(results[0].Applicable);
        Assert.Equal(0.6, results[0].Score, 12);
        Assert.Equal(0.9, results[0].Criteria!["empathy"], 12);
        Assert.Equal("scored by the reward model reward-model:rm@1, not the judge: empathy 0.90; clarity 0.30", results[0].Reason);
        Assert.Equal(0.6, reward, 12);
        Assert.Equal("reward-model:rm@1", grader.JudgeIdentity!.ToString());
    }

    [Fact]
    public async Task A_judge_wins_over_a_scorer()
    {
        var judge = GradingFixtures.Judge("""{"scores":[{"criterion":"empathy","score":5},{"criterion":"clarity","score":5}]}""", out var client, 10, 10, ModelPricing.Free);
        var grader = new EpisodeGrader(GradingFixtures.SpecWith(Rubric), judge, new FixedScorer("empathy", "clarity"));

        var (results, _, _) = await grader.GradeAsync(Episode(), default);

        Assert.Equal(1, results[0].Score);
        Assert.Equal(1, client.Calls);
        Assert.Null(grader.RubricScorer);
        Assert.Equal("test:judge", grader.JudgeIdentity!.ToString());
    }

    [Fact]
    public void A_scorer_that_lacks_a_criterion_of_the_rubric_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new EpisodeGrader(GradingFixtures.SpecWith(Rubric), judge: null, new FixedScorer("empathy")));

        Assert.Contains("grader 'quality' needs criteria the rubric scorer reward-model:rm@1 does not score: clarity (it scores empathy)", error.Message, StringComparison.Ordinal);
    }

    private sealed class FixedScorer(params string[] criteria) : IRubricScorer
    {
        public ModelIdentity Identity { get; } = new("reward-model", "rm@1");

        public IReadOnlyList<string> Criteria => criteria;

        public Task<IReadOnlyDictionary<string, double>> ScoreAsync(IReadOnlyList<ChatMessageRecord> messages, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double> { ["empathy"] = 0.9, ["clarity"] = 0.3 });
    }
}
