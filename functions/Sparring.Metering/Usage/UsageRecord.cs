using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Metering.Pricing;

namespace Sparring.Metering.Usage;

/// <summary>What one finished episode used, as billed: tokens by participant, tool calls, duration and estimated cost.</summary>
public sealed record UsageRecord
{
    /// <summary>The tenant billed.</summary>
    public required string Tenant { get; init; }

    /// <summary>The run the episode belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>The episode, unique within its run.</summary>
    public required string EpisodeId { get; init; }

    /// <summary>The scenario the episode played.</summary>
    public required string ScenarioId { get; init; }

    /// <summary>When the episode finished (UTC): its start plus its duration. It decides the billing month.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The policy's tokens and cost.</summary>
    public required ParticipantUsage Policy { get; init; }

    /// <summary>The mock user's tokens and cost.</summary>
    public required ParticipantUsage User { get; init; }

    /// <summary>The judge's tokens and cost.</summary>
    public required ParticipantUsage Judge { get; init; }

    /// <summary>Whether some model did not report its tokens and they were estimated.</summary>
    public required bool TokensEstimated { get; init; }

    /// <summary>Tool calls the agent made.</summary>
    public required int ToolCalls { get; init; }

    /// <summary>Wall-clock duration of the episode in milliseconds.</summary>
    public required double DurationMs { get; init; }

    /// <summary>The price table's platform fee for the episode, in US dollars.</summary>
    public required decimal PlatformFeeUsd { get; init; }

    /// <summary>Estimated cost in US dollars: the three participants and the platform fee.</summary>
    public decimal CostUsd => Policy.CostUsd + User.CostUsd + Judge.CostUsd + PlatformFeeUsd;

    /// <summary>Total tokens of the episode.</summary>
    public long TotalTokens => Policy.InputTokens + Policy.OutputTokens + User.InputTokens + User.OutputTokens + Judge.InputTokens + Judge.OutputTokens;

    /// <summary>The usage record of <paramref name="trajectory"/>, a finished episode of <paramref name="run"/>, priced with <paramref name="prices"/>.</summary>
    public static UsageRecord From(RunKey run, Trajectory trajectory, PriceTable prices)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(prices);
        return new UsageRecord
        {
            Tenant = run.Tenant,
            RunId = run.RunId,
            EpisodeId = trajectory.EpisodeId,
            ScenarioId = trajectory.Scenario.Id,
            FinishedAt = (trajectory.StartedAt + TimeSpan.FromMilliseconds(trajectory.DurationMs)).ToUniversalTime(),
            Policy = prices.Price(trajectory.Policy, trajectory.Usage.Policy, trajectory.Cost.Policy),
            User = prices.Price(trajectory.User, trajectory.Usage.User, trajectory.Cost.User),
            Judge = trajectory.Judge is null && trajectory.Usage.Judge.Total == 0 && trajectory.Cost.Judge == 0
                ? ParticipantUsage.Absent
                : prices.Price(trajectory.Judge, trajectory.Usage.Judge, trajectory.Cost.Judge),
            TokensEstimated = trajectory.Usage.Estimated,
            ToolCalls = trajectory.ToolCalls.Count,
            DurationMs = trajectory.DurationMs,
            PlatformFeeUsd = prices.PlatformFeePerEpisode,
        };
    }
}
