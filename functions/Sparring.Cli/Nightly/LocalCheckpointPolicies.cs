using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Services;
using Sparring.Training.Checkpoints;

namespace Sparring.Cli.Nightly;

/// <summary>Stored checkpoints as local policies: downloaded once into a cache folder and named <c>checkpoint:&lt;folder&gt;</c>.</summary>
internal sealed class LocalCheckpointPolicies(ICheckpointStore checkpoints, string cacheFolder) : IPolicyResolver
{
    /// <inheritdoc />
    public async Task<string> PolicyNameAsync(string tenant, ModelReference model, CancellationToken cancellationToken) =>
        $"checkpoint:{await CheckpointCache.FolderAsync(checkpoints, tenant, model, cacheFolder, cancellationToken).ConfigureAwait(false)}";
}
