using Sparring.Metering.Usage;

namespace Sparring.Metering.Tests;

internal static class Records
{
    public static UsageRecord Episode(string tenant, string run, string episode, DateTimeOffset finishedAt, long policyInput = 100, long policyOutput = 20, decimal policyCost = 0.001m) => new()
    {
        Tenant = tenant,
        RunId = run,
        EpisodeId = episode,
        ScenarioId = episode.Split('.')[0],
        FinishedAt = finishedAt,
        Policy = new ParticipantUsage("gpt-4o", policyInput, policyOutput, policyCost, CostBasis.PriceTable),
        User = new ParticipantUsage("scripted", 0, 0, 0, CostBasis.None),
        Judge = ParticipantUsage.Absent,
        TokensEstimated = false,
        ToolCalls = 3,
        DurationMs = 1500,
        PlatformFeeUsd = 0.002m,
    };
}
