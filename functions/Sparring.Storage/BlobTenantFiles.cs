using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>A tenant's files as the blobs {tenant}/{path} of one container.</summary>
public sealed class BlobTenantFiles(BlobContainerClient container) : ITenantFiles
{
    /// <inheritdoc />
    public async Task<Stream?> OpenReadAsync(string tenant, string path, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(StorageNames.TenantFile(tenant, path));
        try
        {
            return (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TenantFileInfo>> ListAsync(string tenant, string prefix, CancellationToken cancellationToken)
    {
        var root = StorageNames.Tenant(tenant) + "/";
        var files = new List<TenantFileInfo>();
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = root + prefix }, cancellationToken).ConfigureAwait(false))
            {
                files.Add(new TenantFileInfo(item.Name[root.Length..], item.Properties.ContentLength ?? 0, item.Properties.LastModified ?? DateTimeOffset.MinValue));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return [];
        }

        return [.. files.OrderBy(file => file.Path, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task WriteAsync(string tenant, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        // A single-shot upload commits the whole blob at once.
        var blob = container.GetBlobClient(StorageNames.TenantFile(tenant, path));
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken).ConfigureAwait(false);
    }
}
