using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>
/// Checkpoints in a local folder with the Blob layout ({root}/{tenant}/models/{name}/{version}/…, the pointer at
/// {root}/{tenant}/models/{name}/current), for a quick try without Azurite. Every file is copied to a temporary name
/// beside it and moved into place; manifest.json is moved last and never over an existing one, so a version is
/// complete exactly when its manifest is there.
/// </summary>
public sealed class FolderCheckpointStore : ICheckpointStore
{
    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a store under <paramref name="rootFolder"/> (created on first save).</summary>
    public FolderCheckpointStore(string rootFolder, ILogger<FolderCheckpointStore>? logger = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        _root = Path.GetFullPath(rootFolder);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<FolderCheckpointStore>.Instance;
    }

    /// <summary>The folder the store writes under.</summary>
    public string RootFolder => _root;

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(ManifestPath(tenant, model)));
    }

    /// <inheritdoc />
    public async Task<CheckpointManifest?> GetManifestAsync(string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        var path = ManifestPath(tenant, model);
        return await ReadIfExistsAsync(path, cancellationToken).ConfigureAwait(false) is { } content
            ? CheckpointDocuments.ReadManifest(content, model, path)
            : null;
    }

    /// <inheritdoc />
    public async Task SaveAsync(string tenant, ModelReference model, string localFolder, CancellationToken cancellationToken)
    {
        var folder = PathOf(StorageNames.CheckpointPrefix(tenant, model));
        var files = await LocalCheckpoint.ReadAsync(localFolder, cancellationToken).ConfigureAwait(false);
        var manifest = LocalCheckpoint.Manifest(model, files, _time.GetUtcNow());
        if (await GetManifestAsync(tenant, model, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            EnsureSameFiles(stored, manifest, tenant, model);
            _logger.LogInformation("Checkpoint {Model} of tenant {Tenant} is already stored with the same files", model, tenant);
            return;
        }

        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            await WriteWholeAsync(Path.Combine(folder, file.File.Name), async (target, ct) =>
            {
                await using var source = LocalCheckpoint.OpenRead(file.Path);
                await source.CopyToAsync(target, ct).ConfigureAwait(false);
            }, overwrite: true, cancellationToken).ConfigureAwait(false);
            LocalCheckpoint.EnsureUnchanged(file);
        }

        // Files left by an earlier save that broke off go, so the folder holds what the manifest lists. Temporary
        // files start with '.', which no checkpoint file does, and belong to whoever writes them.
        var kept = files.Select(f => f.File.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(folder).Where(p => Path.GetFileName(p) is var n && !n.StartsWith('.') && !kept.Contains(n)))
        {
            File.Delete(stale);
        }

        var content = CheckpointDocuments.Serialize(manifest);
        try
        {
            await WriteWholeAsync(Path.Combine(folder, CheckpointManifest.FileName), (target, ct) => target.WriteAsync(content, ct).AsTask(), overwrite: false, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex) when (File.Exists(ManifestPath(tenant, model)))
        {
            // Another saver completed the version first: theirs stands, and ours must have been the same.
            var winner = await GetManifestAsync(tenant, model, cancellationToken).ConfigureAwait(false)
                ?? throw new CheckpointConflictException($"Checkpoint {model} of tenant {tenant}: the manifest could not be written and is gone.", ex);
            EnsureSameFiles(winner, manifest, tenant, model);
        }

        _logger.LogInformation("Saved checkpoint {Model} of tenant {Tenant}: {Files} files into {Folder}", model, tenant, files.Count, folder);
    }

    /// <inheritdoc />
    public async Task DownloadAsync(string tenant, ModelReference model, string localFolder, CancellationToken cancellationToken)
    {
        var prefix = StorageNames.CheckpointPrefix(tenant, model);
        var manifest = await GetManifestAsync(tenant, model, cancellationToken).ConfigureAwait(false)
            ?? throw new CheckpointNotFoundException($"Checkpoint {model} of tenant {tenant} is not stored: no complete checkpoint under {prefix} (in {_root}).");
        // Ends with a separator, as the prefix it comes from: the messages append file names to it.
        var folder = PathOf(prefix);
        await LocalCheckpoint.DownloadAsync(manifest, localFolder, folder, (file, _) =>
        {
            try
            {
                return Task.FromResult<Stream>(LocalCheckpoint.OpenRead(Path.Combine(folder, file.Name)));
            }
            catch (FileNotFoundException ex)
            {
                throw new CheckpointCorruptException($"Checkpoint file {Path.Combine(folder, file.Name)} is listed in the manifest but missing.", ex);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetCurrentAsync(string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        var path = PathOf(StorageNames.CurrentPointer(tenant, model.Name));
        if (!await ExistsAsync(tenant, model, cancellationToken).ConfigureAwait(false))
        {
            throw new CheckpointNotFoundException(
                $"Checkpoint {model} of tenant {tenant} cannot be made current: no complete checkpoint under {StorageNames.CheckpointPrefix(tenant, model)} (in {_root}).");
        }

        var content = CheckpointDocuments.Serialize(new CheckpointPointer(model.Name, model.Version, _time.GetUtcNow()));
        await WriteWholeAsync(path, (target, ct) => target.WriteAsync(content, ct).AsTask(), overwrite: true, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Model {Name} of tenant {Tenant} now points at version {Version}", model.Name, tenant, model.Version);
    }

    /// <inheritdoc />
    public async Task<ModelReference?> GetCurrentAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        var path = PathOf(StorageNames.CurrentPointer(tenant, name));
        return await ReadIfExistsAsync(path, cancellationToken).ConfigureAwait(false) is { } content
            ? CheckpointDocuments.ReadPointer(content, name, path)
            : null;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListVersionsAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var folder = PathOf(StorageNames.ModelPrefix(tenant, name));
        IReadOnlyList<string> versions = Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(version => ModelReference.TryParse($"{name}@{version}", out _) && File.Exists(Path.Combine(folder, version, CheckpointManifest.FileName)))
                .Order(ModelVersionComparer.Instance)
                .ToList()
            : [];
        return Task.FromResult(versions);
    }

    private static void EnsureSameFiles(CheckpointManifest stored, CheckpointManifest saving, string tenant, ModelReference model)
    {
        if (!stored.HasSameFiles(saving))
        {
            throw new CheckpointConflictException(
                $"Checkpoint {model} of tenant {tenant} is already stored with other files ({LocalCheckpoint.Difference(stored, saving)}): versions are immutable, save a new version.");
        }
    }

    private string ManifestPath(string tenant, ModelReference model) => PathOf(StorageNames.CheckpointPrefix(tenant, model) + CheckpointManifest.FileName);

    private string PathOf(string blobName) => Path.Combine(_root, blobName.Replace('/', Path.DirectorySeparatorChar));

    private static async Task<byte[]?> ReadIfExistsAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task WriteWholeAsync(string path, Func<Stream, CancellationToken, Task> write, bool overwrite, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            // Only a failed write leaves the temporary file; a moved one is gone already.
            File.Delete(temporary);
        }
    }
}
