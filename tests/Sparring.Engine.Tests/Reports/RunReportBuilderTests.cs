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
}
