using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>
/// A storage target's environments: a reference with a path is a local folder; one with a name and version is read
/// from the target (downloaded from Blob into the cache, or the folder {root}/{tenant}/envs/{name}/{version}/).
/// </summary>
internal sealed class TargetEnvironmentSource(IEnvironmentSource? blobs, string? rootFolder) : IEnvironmentSource
{
    private readonly FolderEnvironmentSource _folders = new();

    /// <inheritdoc />
    public Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Path is not null)
        {
            return _folders.MaterializeAsync(tenant, reference, cancellationToken);
        }

        if (blobs is not null)
        {
            return blobs.MaterializeAsync(tenant, reference, cancellationToken);
        }

        if (reference is not { Name: { } name, Version: { } version })
        {
            throw new ArgumentException($"Environment reference '{reference}' has neither a path nor a name and version.", nameof(reference));
        }

        var folder = Path.Combine(rootFolder!, StorageNames.EnvironmentPrefix(tenant, name, version).TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
        return Directory.Exists(folder)
            ? Task.FromResult(folder)
            : throw new EnvironmentNotFoundException($"Environment {name}@{version} of tenant {tenant} does not exist: no folder {folder}.");
    }
}
