using System.Text.Json.Serialization;

namespace Sparring.Abstractions.Reports;

/// <summary>The summary of a run a person reads first: rewards, pass^k, containment, graders, cost and latency.</summary>
public sealed record RunReport
{
    /// <summary>The version of this document's shape.</summary>
    public string SchemaVersion { get; init; } = "1.0";

    /// <summary>The run this report summarizes.</summary>
    public required string RunId { get; init; }

    /// <summary>Environment name.</summary>
    public required string Environment { get; init; }

    /// <summary>Environment version.</summary>
    public required string EnvironmentVersion { get; init; }

    /// <summary>Environment content hash.</summary>
    public required string EnvironmentHash { get; init; }

    /// <summary>Policy identity (kind:name).</summary>
    public required string Policy { get; init; }

    /// <summary>Mock user identity (kind:name).</summary>
    public required string User { get; init; }

    /// <summary>Judge identity, when an LLM judge graded.</summary>
    public string? Judge { get; init; }

    /// <summary>Number of episodes.</summary>
    public required int Episodes { get; init; }

    /// <summary>Number of distinct scenarios.</summary>
    public required int Scenarios { get; init; }

    /// <summary>Mean reward over all episodes.</summary>
    public required double MeanReward { get; init; }

    /// <summary>Share of episodes whose reward reached the success threshold.</summary>
    public required double SuccessRate { get; init; }

    /// <summary>pass^k for k = 1 … episodes per scenario, as τ-bench defines it.</summary>
    public required IReadOnlyDictionary<string, double> PassHatK { get; init; }

    /// <summary>Share of episodes that ended without a transfer to a human (the containment KPI).</summary>
    public required double ContainmentRate { get; init; }

    /// <summary>Mean score of each grader over the episodes it applied to.</summary>
    public required IReadOnlyDictionary<string, GraderSummary> Graders { get; init; }

    /// <summary>Episode count by termination reason.</summary>
    public required IReadOnlyDictionary<string, int> Terminations { get; init; }

    /// <summary>Token totals.</summary>
    public required TokenSummary Tokens { get; init; }

    /// <summary>Cost in US dollars.</summary>
    public required CostReport Cost { get; init; }

    /// <summary>Latency percentiles.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Mean reward per scenario, for finding the scenarios an agent fails.</summary>
    public required IReadOnlyDictionary<string, double> ScenarioMeanReward { get; init; }

    /// <summary>
    /// The episodes of each scenario template's instances, by template name, for finding the kinds of task an agent
    /// fails; null (and not written) when no episode played a template's instance.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, TemplateSummary>? Templates { get; init; }

    /// <summary>How the run ended: completed (every planned episode ran) or quota_exceeded (the tenant's quota stopped it).</summary>
    public string Status { get; init; } = RunStatuses.Completed;

    /// <summary>Planned episodes that were not run and why; null when every planned episode ran.</summary>
    public EpisodesNotRun? NotRun { get; init; }
}

/// <summary>The ways a run that produced a report can end.</summary>
public static class RunStatuses
{
    /// <summary>Every planned episode ran.</summary>
    public const string Completed = "completed";

    /// <summary>The tenant's monthly episode quota ran out; the episodes run before are reported as usual.</summary>
    public const string QuotaExceeded = "quota_exceeded";
}

/// <summary>Planned episodes a run did not run.</summary>
/// <param name="Planned">Episodes the run planned.</param>
/// <param name="Episodes">Of those, how many were not run.</param>
/// <param name="Reason">Why, as a status name (quota_exceeded).</param>
/// <param name="Detail">Why, in a sentence.</param>
public sealed record EpisodesNotRun(int Planned, int Episodes, string Reason, string Detail);

/// <summary>The episodes of one scenario template's instances, summarized as the run is.</summary>
/// <param name="Scenarios">Instances played.</param>
/// <param name="Episodes">Episodes of them.</param>
/// <param name="MeanReward">Mean reward over those episodes.</param>
/// <param name="SuccessRate">Share of those episodes that reached the success threshold.</param>
/// <param name="PassHatK">pass^k over the template's instances, for k = 1 … episodes per instance.</param>
public sealed record TemplateSummary(int Scenarios, int Episodes, double MeanReward, double SuccessRate, IReadOnlyDictionary<string, double> PassHatK);

/// <summary>One grader's mean over the episodes it applied to (null when it applied to none), and the counts.</summary>
public sealed record GraderSummary(double? Mean, int Applicable, int NotApplicable);

/// <summary>Token totals of a run.</summary>
public sealed record TokenSummary(long Total, long Policy, long User, long Judge, double MeanPerEpisode, bool Estimated);

/// <summary>Costs of a run in US dollars.</summary>
public sealed record CostReport(decimal Total, decimal Policy, decimal User, decimal Judge, decimal MeanPerEpisode);

/// <summary>Latency percentiles in milliseconds: per agent turn and per episode.</summary>
public sealed record LatencySummary(double TurnP50Ms, double TurnP95Ms, double EpisodeP50Ms, double EpisodeP95Ms);
