namespace Sparring.Tenancy.Webhooks;

/// <summary>Remembers accepted signatures, so the same signed request is accepted once.</summary>
public interface IReplayGuard
{
    /// <summary>Records the signature; false when it was recorded before (a replay).</summary>
    Task<bool> TryRecordAsync(string tenant, string signatureHex, DateTimeOffset signedAt, CancellationToken cancellationToken);
}
