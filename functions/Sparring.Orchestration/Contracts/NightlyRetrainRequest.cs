using System.Text.Json;
using Sparring.Abstractions.Storage;

namespace Sparring.Orchestration.Contracts;

/// <summary>
/// One nightly retraining of a tenant's policy from the transcripts its customers' conversations left since the last
/// one. The id is also the orchestration instance id, so starting it again resumes it.
/// </summary>
public sealed record NightlyRetrainRequest
{
    /// <summary>The nightly run's id (e.g. <c>nightly-20261127</c>); the evaluation runs and the job are named after it.</summary>
    public required string NightlyId { get; init; }

    /// <summary>The tenant whose transcripts and policy these are.</summary>
    public required string Tenant { get; init; }

    /// <summary>When the schedule fired: transcripts of the days before this one are taken.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The environment whose tools and graders the policy works with; derived scenarios are added to it.</summary>
    public required EnvironmentReference Environment { get; init; }

    /// <summary>The policy's model name in the checkpoint store; its <c>current</c> version is the one to beat.</summary>
    public required string PolicyModel { get; init; }

    /// <summary>The judge for llm_rubric graders, if any.</summary>
    public string? Judge { get; init; }

    /// <summary>Episodes per scenario in each evaluation.</summary>
    public int EpisodesPerScenario { get; init; } = 2;

    /// <summary>Seed of the evaluations.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Most episodes in flight at once in each evaluation.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Which episodes of the current policy become training data.</summary>
    public RejectionSamplingOptions Sampling { get; init; } = new();

    /// <summary>The candidate is promoted only when its held-out mean reward is at least the current one's plus this.</summary>
    public double PromotionMargin { get; init; } = 0.02;

    /// <summary>How long to wait for the training job before giving up, keeping the current policy.</summary>
    public TimeSpan TrainingTimeout { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Where the tenant is told how the night ended (a signed nightly.completed callback); null locally.</summary>
    public CompletionCallback? Callback { get; init; }

    /// <summary>Hyperparameters of the SFT job on the kept episodes.</summary>
    public IReadOnlyDictionary<string, JsonElement> TrainingHyperparameters { get; init; } = new Dictionary<string, JsonElement>();
}
