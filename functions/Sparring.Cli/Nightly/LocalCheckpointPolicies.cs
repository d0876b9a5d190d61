using Sparring.Abstractions.Storage;
using Sparring.Orchestration.Services;

namespace Sparring.Cli.Nightly;

/// <summary>Stored checkpoints as local policies: downloaded once into a cache folder and named <c>checkpoint:&lt;folder&gt;</c>.</summary>
internal sealed class LocalCheckpointPolicies(ICheckpointStore checkpoints, string cacheFolder) : IPolicyResolver
{
    /// <inheritdoc />
    public async Task<string> PolicyNameAsync(string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var folder = Path.Combine(cacheFolder, tenant, model.Name, model.Version);
        // Versions are immutable, so a complete download is good for ever; it is moved into place only once complete.
        if (!Directory.Exists(folder))
        {
            var partial = folder + ".download";
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            await checkpoints.DownloadAsync(tenant, model, partial, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            Directory.Move(partial, folder);
        }

        return $"checkpoint:{folder}";
    }
}
