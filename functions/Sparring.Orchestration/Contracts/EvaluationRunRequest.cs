using Sparring.Abstractions.Storage;

namespace Sparring.Orchestration.Contracts;

/// <summary>
/// What an evaluation run does. Models are given by name and resolved inside activities, so no secret ever enters
/// orchestration history.
/// </summary>
public sealed record EvaluationRunRequest
{
    /// <summary>The run id; also the orchestration instance id, so starting it again resumes it.</summary>
    public required string RunId { get; init; }

    /// <summary>The tenant that owns the run.</summary>
    public required string Tenant { get; init; }

    /// <summary>The environment: a local path, or a name and version stored for the tenant.</summary>
    public required EnvironmentReference Environment { get; init; }

    /// <summary>The models by name.</summary>
    public required ModelSelection Models { get; init; }

    /// <summary>train, test, or null for both.</summary>
    public string? Split { get; init; }

    /// <summary>Only these scenarios, when given.</summary>
    public IReadOnlyList<string>? Scenarios { get; init; }

    /// <summary>Episodes per scenario (k of pass^k).</summary>
    public int EpisodesPerScenario { get; init; } = 1;

    /// <summary>The run seed.</summary>
    public long Seed { get; init; }

    /// <summary>Most episodes in flight at once.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Which episodes become training data.</summary>
    public RejectionSamplingOptions Sampling { get; init; } = new();

    /// <summary>When set, the run ends by notifying the tenant's completion callback.</summary>
    public CompletionCallback? Callback { get; init; }
}

/// <summary>The models of a run by name: policy (reference, random, openai:&lt;deployment&gt;), user (scripted, llm:&lt;deployment&gt;), judge (none or a deployment).</summary>
public sealed record ModelSelection(string Policy, string User = "scripted", string? Judge = null);

/// <summary>
/// Rejection sampling: keep the episodes whose reward reaches <see cref="MinReward"/>, at most <see cref="TopKPerScenario"/>
/// of the best per scenario; episodes that ended in an error are never kept.
/// </summary>
public sealed record RejectionSamplingOptions(double MinReward = 1.0, int? TopKPerScenario = null);
