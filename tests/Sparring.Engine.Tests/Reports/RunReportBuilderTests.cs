using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Reports;

namespace Sparring.Engine.Tests.Reports;

public class RunReportBuilderTests
{
    private static readonly RunReportBuilder.RunIdentity Run = new("r", new EnvironmentIdentity("env", "1", new string('a', 64)), new ModelIdentity("p", "m"), new ModelIdentity("scripted", "rules-v1"), null);

    private static EpisodeSummary Episode(string scenario, int repetition, double reward, bool transferred = false, TerminationReason termination = TerminationReason.UserStop, double latency = 10) => new()
    {
        EpisodeId = $"{scenario}.{repetition}",
        ScenarioId = scenario,
        Reward = reward,
        Success = reward >= 1,
        Transferred = transferred,
        Termination = termination,
        Graders = new Dictionary<string, double> { ["state"] = reward },
        NotApplicable = scenario == "b" ? ["info"] : [],
        Usage = new UsageSummary(new TokenCount(100, 10), TokenCount.Zero, TokenCount.Zero, Estimated: false),
        Cost = new CostSummary(0.01m, 0, 0.002m),
        PolicyLatenciesMs = [latency, latency * 2],
        DurationMs = latency * 10,
    };

    [Fact]
    public void Aggregates_rewards_pass_hat_k_containment_graders_terminations_and_costs()
    {
        EpisodeSummary[] episodes =
        [
            Episode("a", 0, 1), Episode("a", 1, 1),
            Episode("b", 0, 1, latency: 30), Episode("b", 1, 0, transferred: true, termination: TerminationReason.AgentTransfer, latency: 50),
        ];

        var report = RunReportBuilder.Build(Run, episodes);

        Assert.Equal(4, report.Episodes);
        Assert.Equal(2, report.Scenarios);
        Assert.Equal(0.75, report.MeanReward);
        Assert.Equal(0.75, report.PassHatK["1"]); // (2/2 + 1/2) / 2
        Assert.Equal(0.5, report.PassHatK["2"]); // (1 + 0) / 2
        Assert.Equal(0.75, report.ContainmentRate);
        Assert.Equal(new Abstractions.Reports.GraderSummary(0.75, 4, 0), report.Graders["state"]);
        Assert.Equal(new Abstractions.Reports.GraderSummary(null, 0, 2), report.Graders["info"]);
        Assert.Equal(3, report.Terminations["user_stop"]);
        Assert.Equal(1, report.Terminations["agent_transfer"]);
        Assert.Equal(440, report.Tokens.Total);
        Assert.Equal(0.048m, report.Cost.Total);
        Assert.Equal(0.5, report.ScenarioMeanReward["b"]);
        // Policy latencies sorted 10,10,20,20,30,50,60,100: p50 at rank 3.5 = 25, p95 at rank 6.65 = 60 + 0.65 * 40 = 86
        Assert.Equal(25, report.Latency.TurnP50Ms);
        Assert.Equal(86, report.Latency.TurnP95Ms, 9);
    }

    [Fact]
    public void The_order_summaries_arrive_in_does_not_change_the_report()
    {
        EpisodeSummary[] episodes = [Episode("a", 0, 1), Episode("b", 0, 0.5), Episode("a", 1, 0), Episode("c", 0, 1)];

        var forward = RunReportBuilder.Build(Run, episodes);
        var backward = RunReportBuilder.Build(Run, [.. episodes.Reverse()]);

        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(forward, Abstractions.Json.SparringJsonContext.Default.RunReport),
            System.Text.Json.JsonSerializer.Serialize(backward, Abstractions.Json.SparringJsonContext.Default.RunReport));
    }

    [Fact]
    public void Episodes_of_template_instances_group_per_template_and_one_that_could_not_run_joins_its_scenario()
    {
        EpisodeSummary[] episodes =
        [
            Episode("hand", 0, 1),
            Episode("refund.train.0", 0, 1) with { Template = "refund" }, Episode("refund.train.0", 1, 0) with { Template = "refund" },
            Episode("refund.test.0", 0, 1) with { Template = "refund" }, EpisodeSummary.Failed("refund.test.0.1", "refund.test.0", "the activity failed"),
            Episode("status.train.0", 0, 0.5) with { Template = "status" }, Episode("status.train.0", 1, 0.5) with { Template = "status" },
        ];

        var report = RunReportBuilder.Build(Run, episodes);

        Assert.Equal(["refund", "status"], report.Templates!.Keys);
        Assert.Equal(new Abstractions.Reports.TemplateSummary(2, 4, 0.5, 0.5, report.Templates["refund"].PassHatK), report.Templates["refund"]);
        Assert.Equal(new Dictionary<string, double> { ["1"] = 0.5, ["2"] = 0 }, report.Templates["refund"].PassHatK);
        Assert.Equal(new Abstractions.Reports.TemplateSummary(1, 2, 0.5, 0, report.Templates["status"].PassHatK), report.Templates["status"]);
        Assert.Equal(4, report.Scenarios);
        Assert.Equal(0.5, report.ScenarioMeanReward["refund.train.0"]);
        var json = System.Text.Json.JsonSerializer.Serialize(report, Abstractions.Json.SparringJsonContext.Default.RunReport);
        Assert.Contains("\"templates\":{\"refund\":{\"scenarios\":2,\"episodes\":4,\"meanReward\":0.5,\"successRate\":0.5,\"passHatK\":{\"1\":0.5,\"2\":0}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_template_instances_has_no_template_section_and_writes_none()
    {
        var report = RunReportBuilder.Build(Run, [Episode("a", 0, 1), Episode("b", 0, 0)]);

        Assert.Null(report.Templates);
        Assert.DoesNotContain("template", System.Text.Json.JsonSerializer.Serialize(report, Abstractions.Json.SparringJsonContext.Default.RunReport), StringComparison.OrdinalIgnoreCase);
    }
}
