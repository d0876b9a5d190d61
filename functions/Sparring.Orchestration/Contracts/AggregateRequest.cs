using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Orchestration.Contracts;

/// <summary>Input of the Aggregate activity: where the batch summaries are and who produced the run.</summary>
public sealed record AggregateRequest(RunKey Run, int Batches, EnvironmentIdentity Environment, ModelSelection Models, EnvironmentReference EnvironmentReference);

/// <summary>Input of the RejectionSample activity.</summary>
public sealed record RejectionSampleRequest(RunKey Run, int Batches, RejectionSamplingOptions Options);

/// <summary>What a run leaves: its report's headline numbers and the names of its files.</summary>
public sealed record EvaluationRunResult(
    string RunId,
    int Episodes,
    int Failed,
    double MeanReward,
    IReadOnlyDictionary<string, double> PassHatK,
    double ContainmentRate,
    DatasetManifest Dataset,
    IReadOnlyList<string> Files);

/// <summary>What rejection sampling kept: counts, the thresholds used, and the file written.</summary>
public sealed record DatasetManifest(string File, int Examples, int Candidates, int Scenarios, double MinReward, int? TopKPerScenario);
