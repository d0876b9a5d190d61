using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>
/// Checkpoints as blobs under {tenant}/models/{name}/{version}/ in one container, with manifest.json uploaded last
/// and only if none exists (If-None-Match: *), and the pointer {tenant}/models/{name}/current a small JSON blob.
/// Files go up as streams, in blocks for large ones; each blob carries its SHA-256 as metadata, so a save that broke
/// off and runs again uploads only what is missing or different. The container is created on the first save. Thread-safe.
/// </summary>
public sealed class BlobCheckpointStore : ICheckpointStore
{
    private const string Sha256Metadata = "sha256";
    private const string JsonContentType = "application/json";
    private const string BinaryContentType = "application/octet-stream";
    private const int FileParallelism = 4;

    // Blocks of 8 MiB, four at a time per file: a large weights file goes up in parallel, and a failed block is retried alone.
    private static readonly StorageTransferOptions TransferOptions = new()
    {
        InitialTransferSize = 8 * 1024 * 1024,
        MaximumTransferSize = 8 * 1024 * 1024,
        MaximumConcurrency = 4,
    };

    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a store over <paramref name="container"/>.</summary>
    public BlobCheckpointStore(BlobContainerClient container, ILogger<BlobCheckpointStore>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<BlobCheckpointStore>.Instance;
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        var manifest = _container.GetBlobClient(StorageNames.CheckpointPrefix(tenant, model) + CheckpointManifest.FileName);
        return (await manifest.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <inheritdoc />
    public async Task<CheckpointManifest?> GetManifestAsync(string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        var name = StorageNames.CheckpointPrefix(tenant, model) + CheckpointManifest.FileName;
        return await DownloadContentAsync(name, cancellationToken).ConfigureAwait(false) is { } content
            ? CheckpointDocuments.ReadManifest(content.ToMemory().Span, model, $"{_container.Name}/{name}")
            : null;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Blobs under the version that are not in the folder (left by an earlier save that broke off) are deleted before
    /// the manifest is written. Two savers of one version race only for the manifest: the second finds it there and
    /// either did the same (no-op) or gets a <see cref="CheckpointConflictException"/>.
    /// </remarks>
    public async Task SaveAsync(string tenant, ModelReference model, string localFolder, CancellationToken cancellationToken)
    {
        var prefix = StorageNames.CheckpointPrefix(tenant, model);
        var files = await LocalCheckpoint.ReadAsync(localFolder, cancellationToken).ConfigureAwait(false);
        var manifest = LocalCheckpoint.Manifest(model, files, _time.GetUtcNow());
        if (await GetManifestAsync(tenant, model, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            EnsureSameFiles(stored, manifest, tenant, model);
            _logger.LogInformation("Checkpoint {Model} of tenant {Tenant} is already stored with the same files", model, tenant);
            return;
        }

        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var present = await ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        var uploaded = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = FileParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(files, options, async (file, token) =>
        {
            if (present.TryGetValue(prefix + file.File.Name, out var blob) && blob.Size == file.File.Size && blob.Sha256 == file.File.Sha256)
            {
                return;
            }

            await UploadFileAsync(prefix + file.File.Name, file, token).ConfigureAwait(false);
            Interlocked.Increment(ref uploaded);
        }).ConfigureAwait(false);

        var kept = files.Select(f => prefix + f.File.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in present.Keys.Where(n => !kept.Contains(n)))
        {
            await _container.DeleteBlobIfExistsAsync(stale, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await WriteManifestAsync(prefix + CheckpointManifest.FileName, manifest, tenant, model, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation(
            "Saved checkpoint {Model} of tenant {Tenant}: {Uploaded} of {Files} files uploaded ({Bytes} bytes in all)",
            model, tenant, uploaded, files.Count, files.Sum(f => f.File.Size));
    }

    /// <inheritdoc />
    public async Task DownloadAsync(string tenant, ModelReference model, string localFolder, CancellationToken cancellationToken)
    {
        var prefix = StorageNames.CheckpointPrefix(tenant, model);
        var manifest = await GetManifestAsync(tenant, model, cancellationToken).ConfigureAwait(false)
            ?? throw new CheckpointNotFoundException($"Checkpoint {model} of tenant {tenant} is not stored: no complete checkpoint under {prefix} (container {_container.Name}).");
        var location = $"{_container.Name}/{prefix}";
        await LocalCheckpoint.DownloadAsync(manifest, localFolder, location, async (file, token) =>
        {
            try
            {
                var download = await _container.GetBlobClient(prefix + file.Name).DownloadStreamingAsync(cancellationToken: token).ConfigureAwait(false);
                return download.Value.Content;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                throw new CheckpointCorruptException($"Checkpoint file {location}{file.Name} is listed in the manifest but missing.", ex);
            }
        }, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Downloaded checkpoint {Model} of tenant {Tenant} ({Files} files) into {Folder}", model, tenant, manifest.Files.Count, localFolder);
    }

    /// <inheritdoc />
    public async Task SetCurrentAsync(string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        var name = StorageNames.CurrentPointer(tenant, model.Name);
        if (!await ExistsAsync(tenant, model, cancellationToken).ConfigureAwait(false))
        {
            throw new CheckpointNotFoundException(
                $"Checkpoint {model} of tenant {tenant} cannot be made current: no complete checkpoint under {StorageNames.CheckpointPrefix(tenant, model)} (container {_container.Name}).");
        }

        var content = BinaryData.FromBytes(CheckpointDocuments.Serialize(new CheckpointPointer(model.Name, model.Version, _time.GetUtcNow())));
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType } };
        await _container.GetBlobClient(name).UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Model {Name} of tenant {Tenant} now points at version {Version}", model.Name, tenant, model.Version);
    }

    /// <inheritdoc />
    public async Task<ModelReference?> GetCurrentAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        var pointer = StorageNames.CurrentPointer(tenant, name);
        return await DownloadContentAsync(pointer, cancellationToken).ConfigureAwait(false) is { } content
            ? CheckpointDocuments.ReadPointer(content.ToMemory().Span, name, $"{_container.Name}/{pointer}")
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListVersionsAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        var prefix = StorageNames.ModelPrefix(tenant, name);
        var versions = new List<string>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
            {
                // {prefix}{version}/manifest.json marks a complete version; files and half-saved versions have no such blob.
                if (item.Name[prefix.Length..].Split('/') is [var version, CheckpointManifest.FileName] && ModelReference.TryParse($"{name}@{version}", out _))
                {
                    versions.Add(version);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return [];
        }

        versions.Sort(ModelVersionComparer.Instance);
        return versions;
    }

    private static void EnsureSameFiles(CheckpointManifest stored, CheckpointManifest saving, string tenant, ModelReference model)
    {
        if (!stored.HasSameFiles(saving))
        {
            throw new CheckpointConflictException(
                $"Checkpoint {model} of tenant {tenant} is already stored with other files ({LocalCheckpoint.Difference(stored, saving)}): versions are immutable, save a new version.");
        }
    }

    private async Task UploadFileAsync(string name, LocalCheckpointFile file, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = BinaryContentType },
            Metadata = new Dictionary<string, string> { [Sha256Metadata] = file.File.Sha256 },
            TransferOptions = TransferOptions,
        };
        await using (var stream = LocalCheckpoint.OpenRead(file.Path))
        {
            await _container.GetBlobClient(name).UploadAsync(stream, options, cancellationToken).ConfigureAwait(false);
        }

        LocalCheckpoint.EnsureUnchanged(file);
    }

    private async Task WriteManifestAsync(string name, CheckpointManifest manifest, string tenant, ModelReference model, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(CheckpointDocuments.Serialize(manifest)), options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another saver completed the version first: theirs stands, and ours must have been the same.
            var stored = await GetManifestAsync(tenant, model, cancellationToken).ConfigureAwait(false)
                ?? throw new CheckpointConflictException($"Checkpoint {model} of tenant {tenant}: the manifest could not be written ({ex.Status} {ex.ErrorCode}) and is not there.", ex);
            EnsureSameFiles(stored, manifest, tenant, model);
        }
    }

    private async Task<Dictionary<string, StoredBlob>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var blobs = new Dictionary<string, StoredBlob>(StringComparer.Ordinal);
        var options = new GetBlobsOptions { Prefix = prefix, Traits = BlobTraits.Metadata };
        await foreach (var item in _container.GetBlobsAsync(options, cancellationToken).ConfigureAwait(false))
        {
            blobs[item.Name] = new StoredBlob(item.Properties.ContentLength ?? -1, item.Metadata is { } metadata && metadata.TryGetValue(Sha256Metadata, out var sha256) ? sha256 : null);
        }

        return blobs;
    }

    private async Task<BinaryData?> DownloadContentAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private sealed record StoredBlob(long Size, string? Sha256);
}
