using Sparring.Abstractions.Storage;

namespace Sparring.Orchestration.Contracts;

/// <summary>What a nightly retraining did and decided; stored as <c>{tenant}/runs/{nightlyId}/nightly-report.json</c>.</summary>
public sealed record NightlyReport
{
    /// <summary>The nightly run's id.</summary>
    public required string NightlyId { get; init; }

    /// <summary>The tenant.</summary>
    public required string Tenant { get; init; }

    /// <summary>When the schedule fired.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>How it ended: promoted, kept, nothing_new, no_current_policy, no_training_data, training_failed or training_timed_out.</summary>
    public required string Outcome { get; init; }

    /// <summary>One sentence a person can act on.</summary>
    public required string Summary { get; init; }

    /// <summary>The transcript files taken, relative to the tenant.</summary>
    public IReadOnlyList<string> Transcripts { get; init; } = [];

    /// <summary>What ingestion made of them.</summary>
    public TranscriptIngestionResult? Ingestion { get; init; }

    /// <summary>The policy that was current when the nightly run began.</summary>
    public ModelReference? Current { get; init; }

    /// <summary>The trained candidate.</summary>
    public ModelReference? Candidate { get; init; }

    /// <summary>The evaluation of the current policy whose best episodes became the training data.</summary>
    public string? DataRunId { get; init; }

    /// <summary>Conversations kept by rejection sampling.</summary>
    public int TrainingExamples { get; init; }

    /// <summary>The training job's id.</summary>
    public string? TrainingJobId { get; init; }

    /// <summary>Why training failed, when it did.</summary>
    public string? TrainingError { get; init; }

    /// <summary>The promotion gate's decision, when it was reached.</summary>
    public PromotionDecision? Gate { get; init; }
}

/// <summary>Input of the ListNewTranscripts activity.</summary>
public sealed record NewTranscriptsRequest(string Tenant, DateTimeOffset Now);

/// <summary>Transcript files of the days after the watermark and before <c>Now</c>'s day, and the day to advance the watermark to.</summary>
public sealed record NewTranscripts(IReadOnlyList<string> Paths, DateOnly? Watermark, DateOnly NewWatermark);

/// <summary>Input of the IngestTranscripts activity.</summary>
public sealed record TranscriptIngestionRequest(string Tenant, string NightlyId, EnvironmentReference Environment, IReadOnlyList<string> Paths);

/// <summary>
/// What ingestion did: transcripts parsed and redacted, scenarios derived, and the environment version that holds them
/// with the user kind that plays them.
/// </summary>
/// <param name="Transcripts">Conversations read.</param>
/// <param name="Redactions">Personal data replaced, by kind (email, phone, card, address, dob).</param>
/// <param name="Scenarios">Scenarios derived.</param>
/// <param name="Environment">The environment version with the derived scenarios.</param>
/// <param name="User">The mock user kind grounded in the transcripts.</param>
/// <param name="Fidelity">The grounded user's fidelity against the transcripts (0–1), when measured.</param>
/// <param name="Problems">Files or lines that could not be used, each naming where and why.</param>
public sealed record TranscriptIngestionResult(
    int Transcripts,
    IReadOnlyDictionary<string, int> Redactions,
    int Scenarios,
    EnvironmentReference Environment,
    string User,
    double? Fidelity,
    IReadOnlyList<string> Problems);

/// <summary>Input of the ResolvePolicy activity.</summary>
public sealed record CurrentPolicyRequest(string Tenant, string Model);

/// <summary>The current checkpoint of a model and the policy name runs use for it; none when the model has no current version.</summary>
public sealed record CurrentPolicy(ModelReference? Model, string? PolicyName);

/// <summary>Input of the ResolveCandidatePolicy activity.</summary>
public sealed record PolicyNameRequest(string Tenant, ModelReference Model);

/// <summary>Input of the SubmitTrainingJob activity: the job and the orchestration to tell when it ends.</summary>
public sealed record TrainingSubmission(Sparring.Abstractions.TrainingJobs.TrainingJob Job, string InstanceId);

/// <summary>Input of the PromotionGate activity.</summary>
public sealed record PromotionGateRequest(string Tenant, EnvironmentReference Environment, string CurrentRunId, string CandidateRunId, double Margin);

/// <summary>The promotion gate: the candidate must beat the current policy by the margin and be no worse on any safety gate.</summary>
/// <param name="Promote">Whether the candidate becomes current.</param>
/// <param name="CurrentMeanReward">The current policy's held-out mean reward.</param>
/// <param name="CandidateMeanReward">The candidate's.</param>
/// <param name="Margin">The margin asked for.</param>
/// <param name="SafetyGates">Each gate grader's mean under both.</param>
/// <param name="Reasons">Why, in words.</param>
public sealed record PromotionDecision(bool Promote, double CurrentMeanReward, double CandidateMeanReward, double Margin, IReadOnlyList<GateComparison> SafetyGates, IReadOnlyList<string> Reasons);

/// <summary>A gate grader's mean score under the current policy and the candidate.</summary>
public sealed record GateComparison(string Grader, double? Current, double? Candidate);

/// <summary>Input of the Promote activity.</summary>
public sealed record PromoteRequest(string Tenant, ModelReference Candidate);

/// <summary>Input of the CompleteNightly activity: the report to store and the watermark to advance to.</summary>
public sealed record NightlyCompletion(NightlyReport Report, DateOnly? NewWatermark);

/// <summary>The nightly watermark file: the last day whose transcripts a nightly run took.</summary>
/// <param name="Day">That day (UTC).</param>
public sealed record NightlyWatermark(DateOnly Day);

/// <summary>Input of the MeasureFidelity activity: the grounding transcripts, the run whose episodes simulated them, and the user kind.</summary>
public sealed record FidelityRequest(string Tenant, string NightlyId, string Grounding, string DataRunId, string User);
