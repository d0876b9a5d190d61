using System.Text.Json;
using Sparring.Abstractions.Grading;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Trajectories;

namespace Sparring.ReportPages.Tests;

/// <summary>Small trajectories and reports for the page tests.</summary>
internal static class Episodes
{
    public static Trajectory Trajectory(string runId, string id, string userText = "Where is my order?", double reward = 1) => new()
    {
        EpisodeId = id,
        RunId = runId,
        Environment = new EnvironmentIdentity("shop", "1.0", "hash"),
        Scenario = new ScenarioReference(id.Split('.')[0], "test"),
        Seed = 1,
        Repetition = 0,
        Policy = new ModelIdentity("reference", "p"),
        User = new ModelIdentity("scripted", "u"),
        StartedAt = DateTimeOffset.UnixEpoch,
        DurationMs = 12,
        Messages =
        [
            new ChatMessageRecord { Role = "system", Content = "You help." },
            new ChatMessageRecord { Role = "user", Content = userText },
            new ChatMessageRecord { Role = "assistant", ToolCalls = [new ToolCallMessage("c1", "function", new FunctionCallMessage("get_order", """{"id":"A1"}"""))] },
            new ChatMessageRecord { Role = "tool", ToolCallId = "c1", Name = "get_order", Content = """{"status":"shipped"}""" },
            new ChatMessageRecord { Role = "assistant", Content = "It has shipped." },
        ],
        Turns = [new TurnRecord(0, "assistant", 5, 10, 3, GeneratedTokens: [1, 2, 3])],
        ToolCalls = [new ToolCallRecord { Id = "c1", Name = "get_order", Arguments = JsonDocument.Parse("""{"id":"A1"}""").RootElement, Result = """{"status":"shipped"}""", Valid = true }],
        FinalStateHash = "f",
        GoldStateHash = "f",
        Termination = new Termination(TerminationReason.UserStop),
        Graders = [new GraderResult("state", "state_match", reward, true, "the final state equals the gold state")],
        Reward = reward,
        Success = reward >= 1,
        Transferred = false,
        Usage = new UsageSummary(new TokenCount(10, 3), TokenCount.Zero, TokenCount.Zero, Estimated: false),
        Cost = new CostSummary(0.001m, 0, 0),
    };

    public static RunReport Report(string runId, int episodes) => new()
    {
        RunId = runId,
        Environment = "shop",
        EnvironmentVersion = "1.0",
        EnvironmentHash = "hash",
        Policy = "reference:p",
        User = "scripted:u",
        Episodes = episodes,
        Scenarios = 1,
        MeanReward = 1,
        SuccessRate = 1,
        PassHatK = new Dictionary<string, double> { ["1"] = 1 },
        ContainmentRate = 1,
        Graders = new Dictionary<string, GraderSummary> { ["state"] = new(1, episodes, 0) },
        Terminations = new Dictionary<string, int> { ["user_stop"] = episodes },
        Tokens = new TokenSummary(13 * episodes, 13 * episodes, 0, 0, 13, false),
        Cost = new CostReport(0.001m * episodes, 0.001m * episodes, 0, 0, 0.001m),
        Latency = new LatencySummary(5, 5, 12, 12),
        ScenarioMeanReward = new Dictionary<string, double> { ["order"] = 1 },
    };
}
