using System.Text.Json;
using Sparring.Abstractions.Grading;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Storage.Tests;

/// <summary>Small documents to store, and their JSON for comparing (records holding lists compare by reference).</summary>
internal static class Samples
{
    public static RunKey NewRun() => new("acme", $"run-{Guid.NewGuid():N}");

    public static Trajectory Trajectory(RunKey run, string episodeId, string text = "hello", double reward = 0.75) => new()
    {
        EpisodeId = episodeId,
        RunId = run.RunId,
        Environment = new EnvironmentIdentity("mini-shop", "1.0.0", "sha256:abc"),
        Scenario = new ScenarioReference("refund", "test"),
        Seed = 42,
        Repetition = 0,
        Policy = new ModelIdentity("reference", "mini-shop"),
        User = new ModelIdentity("scripted", "default"),
        StartedAt = DateTimeOffset.UnixEpoch,
        DurationMs = 12.5,
        Messages = [new ChatMessageRecord { Role = "user", Content = text }, new ChatMessageRecord { Role = "assistant", Content = "Done." }],
        Turns = [new TurnRecord(0, "policy", 1.5, 10, 5)],
        ToolCalls = [],
        FinalStateHash = "final",
        GoldStateHash = "gold",
        Termination = new Termination(TerminationReason.UserStop),
        Graders = [new GraderResult("state", "state_match", 1, true, "state matches")],
        Reward = reward,
        Success = reward >= 0.5,
        Transferred = false,
        Usage = new UsageSummary(new TokenCount(10, 5), TokenCount.Zero, TokenCount.Zero, Estimated: false),
        Cost = new CostSummary(0.01m, 0m, 0m),
    };

    public static RunReport Report(RunKey run, double meanReward, int episodes = 10) => new()
    {
        RunId = run.RunId,
        Environment = "mini-shop",
        EnvironmentVersion = "1.0.0",
        EnvironmentHash = "sha256:abc",
        Policy = "reference:mini-shop",
        User = "scripted:default",
        Episodes = episodes,
        Scenarios = 2,
        MeanReward = meanReward,
        SuccessRate = meanReward,
        PassHatK = new Dictionary<string, double> { ["1"] = meanReward },
        ContainmentRate = 1,
        Graders = new Dictionary<string, GraderSummary> { ["state"] = new(meanReward, episodes, 0) },
        Terminations = new Dictionary<string, int> { ["user_stop"] = episodes },
        Tokens = new TokenSummary(150, 100, 50, 0, 15, false),
        Cost = new CostReport(0.1m, 0.1m, 0m, 0m, 0.01m),
        Latency = new LatencySummary(1, 2, 10, 20),
        ScenarioMeanReward = new Dictionary<string, double> { ["refund"] = meanReward },
    };

    public static string Json(Trajectory? trajectory) =>
        trajectory is null ? "null" : JsonSerializer.Serialize(trajectory, SparringJsonContext.Default.Trajectory);

    public static string Json(RunReport? report) =>
        report is null ? "null" : JsonSerializer.Serialize(report, SparringJsonContext.Default.RunReport);

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
