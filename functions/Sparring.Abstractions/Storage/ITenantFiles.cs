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
}
