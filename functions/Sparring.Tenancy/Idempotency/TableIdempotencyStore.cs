using Azure;
using Azure.Data.Tables;
using Sparring.Tenancy.Storage;

namespace Sparring.Tenancy.Idempotency;

/// <summary>
/// Idempotency keys as Table rows (partition = tenant, row = SHA-256 of the key) inserted with AddEntity, so of two
/// concurrent deliveries exactly one binds the key and the other reads its run.
/// </summary>
public sealed class TableIdempotencyStore(TenancyTables tables, TimeProvider timeProvider) : IIdempotencyStore
{
    /// <inheritdoc />
    public async Task<IdempotencyClaim> ClaimAsync(string tenant, string key, string bodyHash, string runId, CancellationToken cancellationToken)
    {
        if (!IdempotencyKeys.IsValid(key))
        {
            throw new ArgumentException($"Idempotency key must be {IdempotencyKeys.Rule}.", nameof(key));
        }

        var table = await tables.GetAsync(TenancyTables.IdempotencyKeys, cancellationToken).ConfigureAwait(false);
        var rowKey = IdempotencyKeys.RowKey(key);
        try
        {
            await table.AddEntityAsync(
                new TableEntity(tenant, rowKey) { ["Key"] = key, ["BodyHash"] = bodyHash, ["RunId"] = runId, ["CreatedAt"] = timeProvider.GetUtcNow() },
                cancellationToken).ConfigureAwait(false);
            return new IdempotencyClaim(runId, IsNew: true, BodyMatches: true);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(tenant, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new IdempotencyClaim(
                existing.GetString("RunId") ?? throw new InvalidOperationException($"Idempotency row {tenant}/{rowKey} has no RunId."),
                IsNew: false,
                BodyMatches: string.Equals(existing.GetString("BodyHash"), bodyHash, StringComparison.Ordinal));
        }
    }
}
