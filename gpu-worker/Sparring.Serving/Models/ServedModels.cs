using Microsoft.Extensions.AI;

namespace Sparring.Serving.Models;

/// <summary>
/// A fixed set of served models, each a ready client or a loader run once on first use (a checkpoint loads only
/// when asked for). Register every model before serving. Owns the clients: disposing it disposes them.
/// </summary>
public sealed class ServedModels : IServedModels, IAsyncDisposable
{
    private readonly Dictionary<string, LazyModel> _models = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly CancellationTokenSource _disposed = new();

    /// <inheritdoc />
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Serves <paramref name="client"/> as <paramref name="modelId"/>.</summary>
    public ServedModels Add(string modelId, IChatClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Add(modelId, _ => Task.FromResult(client));
    }

    /// <summary>
    /// Serves the client <paramref name="load"/> makes as <paramref name="modelId"/>; it runs on the first request
    /// for that model, once for all requests waiting on it, and again on the next request if it failed.
    /// </summary>
    public ServedModels Add(string modelId, Func<CancellationToken, Task<IChatClient>> load)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(load);
        if (!_models.TryAdd(modelId, new LazyModel(load)))
        {
            throw new ArgumentException($"The model id '{modelId}' is already served.", nameof(modelId));
        }

        _ids.Add(modelId);
        return this;
    }

    /// <inheritdoc />
    public async ValueTask<IChatClient?> FindAsync(string modelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        return _models.TryGetValue(modelId, out var model)
            ? await model.GetAsync(_disposed.Token, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>Stops loads in progress and disposes every loaded client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        foreach (var model in _models.Values)
        {
            await model.DisposeAsync().ConfigureAwait(false);
        }

        _disposed.Dispose();
    }

    private sealed class LazyModel(Func<CancellationToken, Task<IChatClient>> load) : IAsyncDisposable
    {
        private readonly Lock _gate = new();
        private Task<IChatClient>? _loading;

        public async Task<IChatClient> GetAsync(CancellationToken lifetime, CancellationToken cancellationToken)
        {
            Task<IChatClient> loading;
            lock (_gate)
            {
                // One caller giving up must not cancel a load others wait on: the load only stops with the server.
                _loading ??= Task.Run(() => load(lifetime), lifetime);
                loading = _loading;
            }

            try
            {
                return await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (loading.IsFaulted || loading.IsCanceled)
            {
                lock (_gate)
                {
                    if (ReferenceEquals(_loading, loading))
                    {
                        _loading = null;
                    }
                }

                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Task<IChatClient>? loading;
            lock (_gate)
            {
                loading = _loading;
            }

            if (loading is null)
            {
                return;
            }

            try
            {
                (await loading.ConfigureAwait(false)).Dispose();
            }
            catch (Exception) when (loading.IsFaulted || loading.IsCanceled)
            {
                // A model that never loaded holds nothing to release.
            }
        }
    }
}
