using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Abstractions.Storage;

/// <summary>
/// Where runs keep what they produce: one document per episode at a deterministic name
/// ({tenant}/runs/{runId}/episodes/{episodeId}.json), so a retried or resumed episode overwrites rather than
/// duplicates, plus the run's report and files (dataset.jsonl, manifests, compacted trajectories).
/// Implementations are thread-safe.
/// </summary>
public interface ITrajectoryStore
{
    /// <summary>Whether the episode's trajectory is already stored (a resumed run skips it).</summary>
    Task<bool> ExistsAsync(RunKey run, string episodeId, CancellationToken cancellationToken);

    /// <summary>Stores (or overwrites) an episode's trajectory.</summary>
    Task WriteAsync(RunKey run, Trajectory trajectory, CancellationToken cancellationToken);

    /// <summary>An episode's trajectory, or null when it is not stored.</summary>
    Task<Trajectory?> ReadAsync(RunKey run, string episodeId, CancellationToken cancellationToken);

    /// <summary>Every stored trajectory of the run, in episode-id order.</summary>
    IAsyncEnumerable<Trajectory> ReadAllAsync(RunKey run, CancellationToken cancellationToken);

    /// <summary>Writes report.json, replacing an earlier one only if nobody else replaced it since it was read (ETag).</summary>
    Task WriteReportAsync(RunKey run, RunReport report, CancellationToken cancellationToken);

    /// <summary>The run's report, or null before the run has one.</summary>
    Task<RunReport?> ReadReportAsync(RunKey run, CancellationToken cancellationToken);

    /// <summary>Writes a file of the run ({prefix}{name}, e.g. dataset.jsonl), whole or not at all.</summary>
    Task WriteFileAsync(RunKey run, string name, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a file of the run, or returns null when it does not exist.</summary>
    Task<Stream?> OpenFileAsync(RunKey run, string name, CancellationToken cancellationToken);
}
