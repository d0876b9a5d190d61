using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>
/// Where a host keeps what it stores: a Blob container or a local folder with the same layout (the CLI's
/// <c>--out azurite|&lt;folder&gt;</c>). Every store made from one target writes to the same place.
/// </summary>
public sealed class StorageTarget
{
    private readonly BlobContainerClient? _container;
    private readonly string? _folder;

    private StorageTarget(BlobContainerClient? container, string? folder)
    {
        _container = container;
        _folder = folder;
    }

    /// <summary>The container's URI or the folder's full path, for messages.</summary>
    public string Description => _container?.Uri.ToString() ?? _folder!;

    /// <summary>A Blob container (created on the first write that needs it).</summary>
    public static StorageTarget Blob(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return new StorageTarget(container, null);
    }

    /// <summary>A local folder (created on the first write).</summary>
    public static StorageTarget Folder(string rootFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        return new StorageTarget(null, Path.GetFullPath(rootFolder));
    }

    /// <summary>The trajectory store of this target.</summary>
    public ITrajectoryStore CreateTrajectoryStore(ILoggerFactory logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return _container is { } container
            ? new BlobTrajectoryStore(container, logger: logging.CreateLogger<BlobTrajectoryStore>())
            : new FolderTrajectoryStore(_folder!);
    }

    /// <summary>The tenants' other files (transcripts) of this target.</summary>
    public ITenantFiles CreateTenantFiles() =>
        _container is { } container ? new BlobTenantFiles(container) : new FolderTenantFiles(_folder!);

    /// <summary>
    /// Environments by path (local folders) or by name and version stored in this target; Blob ones are downloaded
    /// into <paramref name="cacheFolder"/>.
    /// </summary>
    public IEnvironmentSource CreateEnvironmentSource(string cacheFolder, ILoggerFactory logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return _container is { } container
            ? new TargetEnvironmentSource(new BlobEnvironmentSource(container, cacheFolder, logging.CreateLogger<BlobEnvironmentSource>()), null)
            : new TargetEnvironmentSource(null, _folder);
    }

    /// <summary>The checkpoint store of this target.</summary>
    public ICheckpointStore CreateCheckpointStore(ILoggerFactory logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return _container is { } container
            ? new BlobCheckpointStore(container, logging.CreateLogger<BlobCheckpointStore>())
            : new FolderCheckpointStore(_folder!, logging.CreateLogger<FolderCheckpointStore>());
    }
}
