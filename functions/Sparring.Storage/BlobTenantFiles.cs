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
}
