using System.Globalization;

namespace Sparring.Orchestration.Services;

/// <summary>The names of a run's files under {tenant}/runs/{runId}/.</summary>
public static class RunFiles
{
    /// <summary>The episode summaries of one batch.</summary>
    public static string Summaries(int batch) => $"summaries-{batch.ToString("D5", CultureInfo.InvariantCulture)}.json";

    /// <summary>One part of the compacted trajectories.</summary>
    public static string TrajectoriesPart(int part) => $"trajectories-{part.ToString("D3", CultureInfo.InvariantCulture)}.jsonl";

    /// <summary>The rejection-sampled training set, OpenAI chat fine-tuning format.</summary>
    public const string Dataset = "dataset.jsonl";

    /// <summary>What rejection sampling kept and why.</summary>
    public const string DatasetManifest = "dataset.manifest.json";
}
