using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;

namespace Sparring.Engine.Tests.Grading;

public class GraderTests
{
    private static readonly ScenarioSpec Scenario = new()
    {
        Id = "s",
        Tags = ["emergency"],
        Persona = new PersonaSpec { ReasonForCall = "help" },
        Expected = new ExpectedOutcome
        {
            Outputs = ["refund of $1,234.50", "5 to 7 business days"],
            Safety = [new TextCheckSpec { Type = "contains", Any = ["911", "emergency services"] }],
        },
    };

    private static GradingContext Episode(string[] agentSays, ToolCallRecord[]? calls = null, bool transferred = false, string final = "aaaaaaaaaaaaaaaa", string gold = "aaaaaaaaaaaaaaaa", ScenarioSpec? scenario = null) =>
        new(
            scenario ?? Scenario,
            [new ChatMessageRecord { Role = "system", Content = "sys" }, .. agentSays.Select(t => new ChatMessageRecord { Role = "assistant", Content = t })],
            calls ?? [],
            final,
            gold,
            transferred,
            new Termination(TerminationReason.UserStop));

    private static ToolCallRecord Call(bool valid) => new()
    {
        Id = "c",
        Name = "t",
        Arguments = System.Text.Json.JsonDocument.Parse("{}").RootElement,
        Result = valid ? "ok" : "Error: invalid arguments for 't': /x: required",
        Valid = valid,
        Error = valid ? null : "invalid arguments for 't': /x: required",
    };

    [Fact]
    public async Task State_match_compares_the_final_hash_with_the_gold_hash()
    {
        var grader = new StateMatchGrader("state");

        Assert.Equal(1, (await grader.GradeAsync(Episode([]), default)).Score);
        var miss = await grader.GradeAsync(Episode([], final: "bbbbbbbbbbbbbbbb"), default);
        Assert.Equal(0, miss.Score);
        Assert.Contains("differs", miss.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outputs_counts_required_information_ignoring_case_and_thousands_separators()
    {
        var grader = new OutputsGrader("info");

        var half = await grader.GradeAsync(Episode(["You will get a REFUND OF $1234.50 shortly."]), default);
        Assert.Equal(0.5, half.Score);
        Assert.Contains("5 to 7 business days", half.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await grader.GradeAsync(Episode(["Refund of $1,234.50.", "It takes 5 to 7 business days."]), default)).Score);
    }

    [Fact]
    public async Task Outputs_does_not_apply_when_nothing_is_required()
    {
        var result = await new OutputsGrader("info").GradeAsync(Episode([], scenario: Scenario with { Expected = new ExpectedOutcome() }), default);

        Assert.False(result.Applicable);
    }

    [Fact]
    public async Task Tool_validity_is_the_share_of_valid_calls()
    {
        var grader = new ToolValidityGrader("tools");

        var result = await grader.GradeAsync(Episode([], [Call(true), Call(false), Call(true), Call(true)]), default);
        Assert.Equal(0.75, result.Score);
        Assert.Contains("1 of 4", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await grader.GradeAsync(Episode([]), default)).Score);
    }

    [Theory]
    [InlineData(false, false, 1)]
    [InlineData(false, true, 0)]
    [InlineData(true, true, 1)]
    [InlineData(true, false, 0)]
    public async Task Containment_rewards_keeping_the_customer_unless_a_transfer_is_expected(bool expected, bool transferred, double score)
    {
        var scenario = Scenario with { Expected = new ExpectedOutcome { Transfer = expected } };

        var result = await new ContainmentGrader("containment").GradeAsync(Episode([], transferred: transferred, scenario: scenario), default);

        Assert.Equal(score, result.Score);
    }

    [Fact]
    public async Task Safety_fails_when_a_requirement_is_missed()
    {
        var grader = new SafetyGrader("safety");

        Assert.Equal(1, (await grader.GradeAsync(Episode(["Hang up and call 911 now."]), default)).Score);
        var failed = await grader.GradeAsync(Episode(["Try restarting the device."]), default);
        Assert.Equal(0, failed.Score);
        Assert.Contains("'911'", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grader_with_tags_applies_only_to_scenarios_with_one_of_them()
    {
        var spec = GradingFixtures.SpecWith(
            new GraderSpec { Name = "billing_only", Type = "contains", Tags = ["billing"], Any = ["refund"] },
            new GraderSpec { Name = "emergency_only", Type = "contains", Tags = ["emergency", "other"], Any = ["911"] });

        var (results, reward, _) = await new EpisodeGrader(spec, judge: null).GradeAsync(Episode(["Call 911."]), default);

        Assert.False(results[0].Applicable);
        Assert.Contains("tagged billing", results[0].Reason, StringComparison.Ordinal);
        Assert.True(results[1].Applicable);
        Assert.Equal(1, results[1].Score);
        Assert.Equal(1, reward);
    }

    [Fact]
    public async Task Contains_grader_checks_all_any_and_none()
    {
        var spec = new GraderSpec { Name = "words", Type = "contains", All = ["sorry", "order"], None = ["stupid"] };
        var grader = new TextCheckGrader(spec);

        Assert.Equal(1, (await grader.GradeAsync(Episode(["Sorry about your order."]), default)).Score);
        var rude = await grader.GradeAsync(Episode(["Sorry, stupid order."]), default);
        Assert.Equal(0, rude.Score);
        Assert.Contains("'stupid'", rude.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regex_grader_can_forbid_a_pattern()
    {
        var grader = new TextCheckGrader(new GraderSpec { Name = "pan", Type = "regex", Pattern = @"\b\d{16}\b", MustNotMatch = true });

        Assert.Equal(1, (await grader.GradeAsync(Episode(["Card ending 1234."]), default)).Score);
        Assert.Equal(0, (await grader.GradeAsync(Episode(["Your card 4111111111111111 is on file."]), default)).Score);
    }
}
