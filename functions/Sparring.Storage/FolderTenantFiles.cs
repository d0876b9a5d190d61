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

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantFileInfo>> ListAsync(string tenant, string prefix, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var root = Path.Combine(_root, StorageNames.Tenant(tenant));
        if (!Directory.Exists(root))
        {
            return Task.FromResult<IReadOnlyList<TenantFileInfo>>([]);
        }

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(file => !file.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(file => (Path: Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'), Info: new FileInfo(file)))
            .Where(file => file.Path.StartsWith(prefix, StringComparison.Ordinal))
            .Select(file => new TenantFileInfo(file.Path, file.Info.Length, new DateTimeOffset(file.Info.LastWriteTimeUtc, TimeSpan.Zero)))
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<TenantFileInfo>>(files);
    }

    /// <inheritdoc />
    public async Task WriteAsync(string tenant, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var file = Path.Combine(_root, StorageNames.TenantFile(tenant, path).Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        // Written beside, then moved over: a reader never sees half a file.
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, file, overwrite: true);
    }
}
