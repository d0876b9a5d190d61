using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>A tenant's files in a local folder with the Blob layout: {root}/{tenant}/{path}.</summary>
public sealed class FolderTenantFiles : ITenantFiles
{
    private readonly string _root;

    /// <summary>Reads files under <paramref name="rootFolder"/>.</summary>
    public FolderTenantFiles(string rootFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        _root = Path.GetFullPath(rootFolder);
    }

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string tenant, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = Path.Combine(_root, StorageNames.TenantFile(tenant, path).Replace('/', Path.DirectorySeparatorChar));
        try
        {
            return Task.FromResult<Stream?>(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }
}
