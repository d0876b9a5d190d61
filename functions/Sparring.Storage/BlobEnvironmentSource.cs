using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>
/// Environments stored as blobs under {tenant}/envs/{name}/{version}/, downloaded into a local cache folder the
/// loader reads. The cache is keyed by tenant, name, version and the blobs' ETags, so a changed environment is
/// downloaded again and an unchanged one never is. Thread-safe, and safe for several processes sharing the cache.
/// </summary>
public sealed class BlobEnvironmentSource : IEnvironmentSource
{
    private const int MaxAttempts = 3;
    private const int Parallelism = 8;

    private readonly BlobContainerClient _container;
    private readonly string _cacheFolder;
    private readonly ILogger _logger;

    /// <summary>Creates a source reading <paramref name="container"/> and caching under <paramref name="cacheFolder"/>.</summary>
    public BlobEnvironmentSource(BlobContainerClient container, string cacheFolder, ILogger<BlobEnvironmentSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheFolder);
        _container = container;
        _cacheFolder = Path.GetFullPath(cacheFolder);
        _logger = logger ?? NullLogger<BlobEnvironmentSource>.Instance;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Downloads into a temporary folder and moves it into place whole: two callers materializing the same version
    /// at once both succeed, and a reader never sees a folder half downloaded.
    /// </remarks>
    public async Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Name is not { } name || reference.Version is not { } version)
        {
            throw new ArgumentException(
                $"Environment reference '{reference}' has no name and version: a blob environment source needs both (a local path is read by {nameof(FolderEnvironmentSource)}).",
                nameof(reference));
        }

        var prefix = StorageNames.EnvironmentPrefix(tenant, name, version);
        var versionFolder = Path.Combine(_cacheFolder, tenant, name, version);
        for (var attempt = 1; ; attempt++)
        {
            var blobs = await ListAsync(prefix, cancellationToken).ConfigureAwait(false);
            if (blobs.Count == 0)
            {
                throw new EnvironmentNotFoundException($"Environment {name}@{version} of tenant {tenant} does not exist: no blobs under {_container.Name}/{prefix}.");
            }

            var target = Path.Combine(versionFolder, Fingerprint(blobs));
            if (Directory.Exists(target))
            {
                _logger.LogDebug("Environment {Name}@{Version} of tenant {Tenant} is cached in {Folder}", name, version, tenant, target);
                return target;
            }

            try
            {
                await DownloadAsync(blobs, versionFolder, target, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Downloaded environment {Name}@{Version} of tenant {Tenant} ({Files} files) into {Folder}", name, version, tenant, blobs.Count, target);
                return target;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // A blob was replaced or deleted after the listing: list again, so the folder is one version, not a mix.
                if (attempt == MaxAttempts)
                {
                    throw new InvalidOperationException($"Environment {name}@{version} of tenant {tenant} kept changing while it was downloaded ({MaxAttempts} attempts).", ex);
                }

                _logger.LogInformation("Environment {Name}@{Version} of tenant {Tenant} changed while it was downloaded; listing it again", name, version, tenant);
            }
        }
    }

    /// <summary>
    /// Makes the blobs under {tenant}/envs/{name}/{version}/ equal to <paramref name="localFolder"/>: uploads the files
    /// whose content differs (unchanged ones keep their ETags, so caches stay valid) and deletes blobs with no file.
    /// Returns the number of files uploaded.
    /// </summary>
    public async Task<int> UploadEnvironmentAsync(string tenant, string name, string version, string localFolder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localFolder);
        var prefix = StorageNames.EnvironmentPrefix(tenant, name, version);
        var root = Path.GetFullPath(localFolder);
        if (!Directory.Exists(root))
        {
            throw new EnvironmentNotFoundException($"Environment folder '{root}' does not exist.");
        }

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, BlobName: prefix + StorageNames.RelativePath(Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))))
            .ToList();
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var stored = (await ListAsync(prefix, cancellationToken).ConfigureAwait(false)).ToDictionary(b => b.BlobName, StringComparer.Ordinal);

        var uploaded = 0;
        await Parallel.ForEachAsync(files, ParallelOptions(cancellationToken), async (file, token) =>
        {
            var hash = await HashFileAsync(file.Path, token).ConfigureAwait(false);
            if (stored.TryGetValue(file.BlobName, out var blob) && blob.ContentHash.AsSpan().SequenceEqual(hash))
            {
                return;
            }

            // Stored as the blob's Content-MD5 property, kept even for uploads made in blocks, for the next upload to compare.
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentHash = hash } };
            await _container.GetBlobClient(file.BlobName).UploadAsync(file.Path, options, token).ConfigureAwait(false);
            Interlocked.Increment(ref uploaded);
        }).ConfigureAwait(false);

        var kept = files.Select(f => f.BlobName).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in stored.Keys.Where(n => !kept.Contains(n)))
        {
            await _container.DeleteBlobIfExistsAsync(stale, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("Uploaded environment {Name}@{Version} of tenant {Tenant}: {Uploaded} of {Files} files changed", name, version, tenant, uploaded, files.Count);
        return uploaded;
    }

    private async Task<List<EnvironmentBlob>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var blobs = new List<EnvironmentBlob>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
            {
                var relativePath = item.Name[prefix.Length..];
                try
                {
                    StorageNames.RelativePath(relativePath);
                }
                catch (ArgumentException ex)
                {
                    throw new InvalidDataException($"Blob {item.Name} cannot be materialized: {ex.Message}", ex);
                }

                blobs.Add(new EnvironmentBlob(item.Name, relativePath, item.Properties.ETag ?? default, item.Properties.ContentHash));
            }
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return [];
        }

        return blobs;
    }

    private async Task DownloadAsync(List<EnvironmentBlob> blobs, string versionFolder, string target, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(versionFolder, $".download-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            await Parallel.ForEachAsync(blobs, ParallelOptions(cancellationToken), async (blob, token) =>
            {
                var path = Path.Combine(temporary, blob.RelativePath.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var options = new BlobDownloadToOptions { Conditions = new BlobRequestConditions { IfMatch = blob.ETag } };
                await _container.GetBlobClient(blob.BlobName).DownloadToAsync(path, options, token).ConfigureAwait(false);
            }).ConfigureAwait(false);

            try
            {
                Directory.Move(temporary, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another caller moved the same version (same ETags, so the same files) into place first: use theirs.
                _logger.LogDebug("Environment folder {Folder} was completed by another caller", target);
            }
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static string Fingerprint(List<EnvironmentBlob> blobs)
    {
        var text = new StringBuilder();
        foreach (var blob in blobs.OrderBy(b => b.RelativePath, StringComparer.Ordinal))
        {
            text.Append(blob.RelativePath).Append('\t').Append(blob.ETag.ToString()).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static async Task<byte[]> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

        // MD5 because Blob keeps it as Content-MD5 and lists it; it identifies content, it secures nothing.
        return await MD5.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    private static ParallelOptions ParallelOptions(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private sealed record EnvironmentBlob(string BlobName, string RelativePath, ETag ETag, byte[]? ContentHash);
}
