using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Orchestration.Contracts;

/// <summary>Input of the Aggregate activity: where the batch summaries are, who produced the run, and the planned episodes it did not run (if any).</summary>
public sealed record AggregateRequest(RunKey Run, int Batches, EnvironmentIdentity Environment, ModelSelection Models, EnvironmentReference EnvironmentReference, EpisodesNotRun? NotRun = null);

/// <summary>Input of the RejectionSample activity.</summary>
public sealed record RejectionSampleRequest(RunKey Run, int Batches, RejectionSamplingOptions Options);

/// <summary>
/// What a run leaves: its report's headline numbers and the names of its files; <see cref="Status"/> is completed, or
/// quota_exceeded when the tenant's quota left <see cref="NotRun"/> planned episodes unrun.
/// </summary>
public sealed record EvaluationRunResult(
    string RunId,
    int Episodes,
    int Failed,
    double MeanReward,
    IReadOnlyDictionary<string, double> PassHatK,
    double ContainmentRate,
    DatasetManifest Dataset,
    IReadOnlyList<string> Files,
    string Status = RunStatuses.Completed,
    int NotRun = 0);

/// <summary>What rejection sampling kept: counts, the thresholds used, and the file written.</summary>
public sealed record DatasetManifest(string File, int Examples, int Candidates, int Scenarios, double MinReward, int? TopKPerScenario);
