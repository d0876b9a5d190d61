using System.Collections.Concurrent;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Orchestration.Tests;

/// <summary>A real store with every episode write counted and a hook that can make writes fail.</summary>
internal sealed class RecordingTrajectoryStore(ITrajectoryStore inner) : ITrajectoryStore
{
    private readonly ConcurrentDictionary<string, int> _writesById = new(StringComparer.Ordinal);
    private int _writes;

    public int EpisodeWrites => _writes;

    /// <summary>Called before every episode write; throwing from it simulates a storage failure.</summary>
    public Action<string>? BeforeWrite { get; set; }

    public IReadOnlyDictionary<string, int> WritesById => new Dictionary<string, int>(_writesById, StringComparer.Ordinal);

    public Task<bool> ExistsAsync(RunKey run, string episodeId, CancellationToken cancellationToken) => inner.ExistsAsync(run, episodeId, cancellationToken);

    public async Task WriteAsync(RunKey run, Trajectory trajectory, CancellationToken cancellationToken)
    {
        BeforeWrite?.Invoke(trajectory.EpisodeId);
        await inner.WriteAsync(run, trajectory, cancellationToken);
        Interlocked.Increment(ref _writes);
        _writesById.AddOrUpdate(trajectory.EpisodeId, 1, (_, n) => n + 1);
    }

    public Task<Trajectory?> ReadAsync(RunKey run, string episodeId, CancellationToken cancellationToken) => inner.ReadAsync(run, episodeId, cancellationToken);

    public IAsyncEnumerable<Trajectory> ReadAllAsync(RunKey run, CancellationToken cancellationToken) => inner.ReadAllAsync(run, cancellationToken);

    public Task WriteReportAsync(RunKey run, RunReport report, CancellationToken cancellationToken) => inner.WriteReportAsync(run, report, cancellationToken);

    public Task<RunReport?> ReadReportAsync(RunKey run, CancellationToken cancellationToken) => inner.ReadReportAsync(run, cancellationToken);

    public Task WriteFileAsync(RunKey run, string name, Stream content, CancellationToken cancellationToken) => inner.WriteFileAsync(run, name, content, cancellationToken);

    public Task<Stream?> OpenFileAsync(RunKey run, string name, CancellationToken cancellationToken) => inner.OpenFileAsync(run, name, cancellationToken);
}
