namespace Sparring.Abstractions.Storage;

/// <summary>
/// Versioned checkpoints of trained models: folders of files kept under {tenant}/models/{name}/{version}/ with a
/// manifest.json written last, and a pointer {tenant}/models/{name}/current naming the current version.
/// A version is complete once its manifest exists, and immutable from then on. Implementations are thread-safe.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Whether the version is stored complete (its manifest is there); a save that broke off counts as absent.</summary>
    Task<bool> ExistsAsync(string tenant, ModelReference model, CancellationToken cancellationToken);

    /// <summary>
    /// Stores every file directly in <paramref name="localFolder"/> (subfolders are left out), then the manifest (names,
    /// sizes, SHA-256). Saving a complete version again with the same files does nothing.
    /// </summary>
    /// <exception cref="CheckpointConflictException">The version is already complete with other files.</exception>
    /// <exception cref="ArgumentException">The folder is missing, empty, or holds a file whose name cannot be stored.</exception>
    Task SaveAsync(string tenant, ModelReference model, string localFolder, CancellationToken cancellationToken);

    /// <summary>
    /// Downloads the version's files into <paramref name="localFolder"/> (created when missing; files of the same
    /// names are replaced, others left alone), each checked against the manifest's size and SHA-256.
    /// </summary>
    /// <exception cref="CheckpointNotFoundException">The version is not stored complete.</exception>
    /// <exception cref="CheckpointCorruptException">A stored file does not match the manifest; the message names it.</exception>
    Task DownloadAsync(string tenant, ModelReference model, string localFolder, CancellationToken cancellationToken);

    /// <summary>The version's manifest, or null when it is not stored complete.</summary>
    Task<CheckpointManifest?> GetManifestAsync(string tenant, ModelReference model, CancellationToken cancellationToken);

    /// <summary>Points the model's current pointer at <paramref name="model"/>'s version.</summary>
    /// <exception cref="CheckpointNotFoundException">The version is not stored complete.</exception>
    Task SetCurrentAsync(string tenant, ModelReference model, CancellationToken cancellationToken);

    /// <summary>The version the model's pointer names, or null when it has none.</summary>
    Task<ModelReference?> GetCurrentAsync(string tenant, string name, CancellationToken cancellationToken);

    /// <summary>The model's complete versions in <see cref="ModelVersionComparer"/> order (oldest first for numbered versions).</summary>
    Task<IReadOnlyList<string>> ListVersionsAsync(string tenant, string name, CancellationToken cancellationToken);
}
