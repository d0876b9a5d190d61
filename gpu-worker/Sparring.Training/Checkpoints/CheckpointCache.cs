using Sparring.Abstractions.Storage;

namespace Sparring.Training.Checkpoints;

/// <summary>Stored checkpoints in a local cache folder, <c>{cache}/{tenant}/{name}/{version}</c>, downloaded once.</summary>
public static class CheckpointCache
{
    /// <summary>
    /// The local folder of <paramref name="model"/>, downloaded first unless the cache holds it whole. Versions are
    /// immutable; training.json is written last, so a folder holding it is whole. A download goes beside the folder and
    /// is moved in only once complete, so a stopped download never leaves a folder that looks whole.
    /// </summary>
    public static async Task<string> FolderAsync(ICheckpointStore store, string tenant, ModelReference model, string cacheRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(model);
        var folder = Path.Combine(Path.GetFullPath(cacheRoot), tenant, model.Name, model.Version);
        if (File.Exists(Path.Combine(folder, PolicyCheckpoint.MetadataFile)))
        {
            return folder;
        }

        var temporary = $"{folder}.download-{Guid.NewGuid():N}";
        try
        {
            await store.DownloadAsync(tenant, model, temporary, cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            Directory.Move(temporary, folder);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }

        return folder;
    }
}
