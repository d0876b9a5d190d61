using System.Text;
using System.Text.Json;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Runs;

/// <summary>
/// Writes trajectories as JSON lines in plan order, whatever order they finish in, so the same run gives the
/// same file. Written to a temporary file and moved into place on completion: no half-written file is left.
/// </summary>
public sealed class JsonlTrajectoryWriter : ITrajectorySink, IAsyncDisposable
{
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly StreamWriter _writer;
    private readonly Dictionary<string, int> _order;
    private readonly SortedDictionary<int, Trajectory> _pending = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _next;

    /// <summary>Creates a writer for the episodes of a plan, in that order.</summary>
    public JsonlTrajectoryWriter(string path, IEnumerable<string> episodeIdsInOrder)
    {
        ArgumentNullException.ThrowIfNull(episodeIdsInOrder);
        _path = path;
        _temporaryPath = path + ".partial";
        _order = episodeIdsInOrder.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        _writer = new StreamWriter(_temporaryPath, append: false, new UTF8Encoding(false));
    }

    /// <inheritdoc />
    public async Task WriteAsync(Trajectory trajectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _pending[_order[trajectory.EpisodeId]] = trajectory;
            while (_pending.Remove(_next, out var ready))
            {
                await _writer.WriteLineAsync(JsonSerializer.Serialize(ready, SparringJsonContext.Default.Trajectory).AsMemory(), cancellationToken).ConfigureAwait(false);
                _next++;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Flushes and moves the file into place; call once every episode is written.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            throw new InvalidOperationException($"{_pending.Count} trajectories wait for earlier episodes that never arrived.");
        }

        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        File.Move(_temporaryPath, _path, overwrite: true);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
        if (File.Exists(_temporaryPath))
        {
            File.Delete(_temporaryPath);
        }
    }
}
