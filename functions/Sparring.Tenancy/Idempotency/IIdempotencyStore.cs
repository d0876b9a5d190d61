namespace Sparring.Tenancy.Idempotency;

/// <summary>Binds a tenant's idempotency keys to the runs they started, before a run is scheduled.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Binds (<paramref name="tenant"/>, <paramref name="key"/>) to <paramref name="runId"/> and <paramref name="bodyHash"/>
    /// unless already bound; then returns the earlier binding, and whether its body was the same.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string tenant, string key, string bodyHash, string runId, CancellationToken cancellationToken);
}
