using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Orchestration.Tests;

/// <summary>A store in memory that counts writes, for tests of the orchestration alone.</summary>
internal sealed class MemoryTrajectoryStore : ITrajectoryStore
{
    private readonly ConcurrentDictionary<string, Trajectory> _episodes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _writesById = new(StringComparer.Ordinal);
    private int _writes;

    public int EpisodeWrites => _writes;

    /// <summary>Called before every episode write; throwing from it simulates a storage failure.</summary>
    public Action<string>? BeforeWrite { get; set; }

    public IReadOnlyDictionary<string, int> WritesById => new Dictionary<string, int>(_writesById, StringComparer.Ordinal);

    public int Count(RunKey run) => _episodes.Keys.Count(k => k.StartsWith(run.Prefix, StringComparison.Ordinal));

    public Task<bool> ExistsAsync(RunKey run, string episodeId, CancellationToken cancellationToken) => Task.FromResult(_episodes.ContainsKey(run.Prefix + episodeId));

    public Task WriteAsync(RunKey run, Trajectory trajectory, CancellationToken cancellationToken)
    {
        BeforeWrite?.Invoke(trajectory.EpisodeId);
        Interlocked.Increment(ref _writes);
        _writesById.AddOrUpdate(trajectory.EpisodeId, 1, (_, n) => n + 1);
        _episodes[run.Prefix + trajectory.EpisodeId] = trajectory;
        return Task.CompletedTask;
    }

    public Task<Trajectory?> ReadAsync(RunKey run, string episodeId, CancellationToken cancellationToken) =>
        Task.FromResult(_episodes.TryGetValue(run.Prefix + episodeId, out var t) ? t : null);

    public async IAsyncEnumerable<Trajectory> ReadAllAsync(RunKey run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var key in _episodes.Keys.Where(k => k.StartsWith(run.Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return _episodes[key];
        }
    }

    public Task WriteReportAsync(RunKey run, RunReport report, CancellationToken cancellationToken)
    {
        Report = report;
        return Task.CompletedTask;
    }

    public RunReport? Report { get; private set; }

    public Task<RunReport?> ReadReportAsync(RunKey run, CancellationToken cancellationToken) => Task.FromResult(Report);

    public async Task WriteFileAsync(RunKey run, string name, Stream content, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        _files[run.Prefix + name] = copy.ToArray();
    }

    public Task<Stream?> OpenFileAsync(RunKey run, string name, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(_files.TryGetValue(run.Prefix + name, out var bytes) ? new MemoryStream(bytes) : null);
}
