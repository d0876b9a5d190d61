using System.Globalization;

namespace Sparring.Abstractions.Storage;

/// <summary>
/// The names of a run's files under {tenant}/runs/{runId}/ (<see cref="RunKey.PathOf"/> gives a file's full name),
/// and of the files <c>sparring eval</c> writes into its output folder.
/// </summary>
public static class RunFiles
{
    /// <summary>The run report, written only through the store's ETag-conditional report methods.</summary>
    public const string Report = "report.json";

    /// <summary>The report page, beside whichever report the run has.</summary>
    public const string Page = "report.html";

    /// <summary>The folder of one document per episode, written only through the store's episode methods.</summary>
    public const string EpisodesFolder = "episodes";

    /// <summary>The rejection-sampled training set, OpenAI chat fine-tuning format.</summary>
    public const string Dataset = "dataset.jsonl";

    /// <summary>What rejection sampling kept and why.</summary>
    public const string DatasetManifest = "dataset.manifest.json";

    /// <summary>The report of a training run (sparring train).</summary>
    public const string TrainReport = "train-report.json";

    /// <summary>The training report for people.</summary>
    public const string TrainReportText = "train-report.md";

    /// <summary>The report of a nightly retraining.</summary>
    public const string NightlyReport = "nightly-report.json";

    /// <summary>The nightly report for people.</summary>
    public const string NightlyReportText = "nightly-report.md";

    /// <summary>The mock users' fidelity against a nightly run's transcripts.</summary>
    public const string Fidelity = "fidelity.json";

    /// <summary>Every trajectory in one file: what <c>sparring eval</c> writes beside <see cref="Report"/> instead of a run's parts.</summary>
    public const string Trajectories = "trajectories.jsonl";

    private const string TrajectoriesPartPrefix = "trajectories-";

    /// <summary>The episode summaries of one batch.</summary>
    public static string Summaries(int batch) => $"summaries-{batch.ToString("D5", CultureInfo.InvariantCulture)}.json";

    /// <summary>One part of the compacted trajectories.</summary>
    public static string TrajectoriesPart(int part) => $"{TrajectoriesPartPrefix}{part.ToString("D3", CultureInfo.InvariantCulture)}.jsonl";

    /// <summary>Whether <paramref name="name"/> is one of the parts <see cref="TrajectoriesPart"/> names.</summary>
    public static bool IsTrajectoriesPart(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith(TrajectoriesPartPrefix, StringComparison.Ordinal) && name.EndsWith(".jsonl", StringComparison.Ordinal);
    }
}
