namespace Sparring.Abstractions.Storage;

/// <summary>
/// Files a tenant keeps in storage beside its runs and models, such as transcripts
/// ({tenant}/transcripts/{yyyy}/{mm}/{dd}/*.jsonl), read by a path relative to the tenant. Implementations are thread-safe.
/// </summary>
public interface ITenantFiles
{
    /// <summary>Opens {tenant}/{path} for reading, or returns null when no such file exists.</summary>
    /// <exception cref="ArgumentException">The tenant or the path is not valid (a path is '/'-separated names, without '.', '..' or '\').</exception>
    Task<Stream?> OpenReadAsync(string tenant, string path, CancellationToken cancellationToken);

    /// <summary>The files under {tenant}/{prefix}, in ordinal order of their paths (relative to the tenant).</summary>
    Task<IReadOnlyList<TenantFileInfo>> ListAsync(string tenant, string prefix, CancellationToken cancellationToken);

    /// <summary>Writes {tenant}/{path} whole, replacing it: readers see the old file or the new one, never a part.</summary>
    Task WriteAsync(string tenant, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>A tenant file as listed: its path relative to the tenant, size and last change.</summary>
/// <param name="Path">'/'-separated path relative to the tenant.</param>
/// <param name="Size">Bytes.</param>
/// <param name="LastModified">When it was last written.</param>
public sealed record TenantFileInfo(string Path, long Size, DateTimeOffset LastModified);
