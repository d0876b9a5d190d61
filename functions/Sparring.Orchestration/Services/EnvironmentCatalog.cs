using System.Collections.Concurrent;
using Sparring.Abstractions.Storage;
using Sparring.Engine.Environments;

namespace Sparring.Orchestration.Services;

/// <summary>
/// Loads each environment once per process and shares it between activities: loading validates everything and
/// replays every gold action, far too much to repeat per episode.
/// </summary>
/// <param name="source">Where environments are materialized from.</param>
/// <param name="loader">Loads and validates them.</param>
/// <param name="files">The tenants' files, for references with <see cref="EnvironmentReference.Grounding"/>; without them such references fail.</param>
public sealed class EnvironmentCatalog(IEnvironmentSource source, EnvironmentLoader loader, ITenantFiles? files = null)
{
    private readonly ConcurrentDictionary<(string Tenant, EnvironmentReference Reference), Lazy<Task<LoadedEnvironment>>> _loaded = new();

    /// <summary>The loaded environment; a failed load is not cached, so a fixed spec loads on the next call.</summary>
    public async Task<LoadedEnvironment> GetAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken)
    {
        var key = (tenant, reference);
        var lazy = _loaded.GetOrAdd(key, k => new Lazy<Task<LoadedEnvironment>>(() => LoadAsync(k.Tenant, k.Reference, cancellationToken)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            _loaded.TryRemove(new KeyValuePair<(string, EnvironmentReference), Lazy<Task<LoadedEnvironment>>>(key, lazy));
            throw;
        }
    }

    private async Task<LoadedEnvironment> LoadAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken)
    {
        if (reference.Grounding is { } grounding)
        {
            var baseEnvironment = await GetAsync(tenant, reference with { Grounding = null }, cancellationToken).ConfigureAwait(false);
            return await GroundedEnvironment.LoadAsync(baseEnvironment, files ?? throw new InvalidOperationException($"environment {reference} needs the tenant's files, and this host has none"), tenant, grounding, cancellationToken).ConfigureAwait(false);
        }

        var folder = await source.MaterializeAsync(tenant, reference, cancellationToken).ConfigureAwait(false);
        return await loader.LoadAsync(folder, cancellationToken).ConfigureAwait(false);
    }
}
