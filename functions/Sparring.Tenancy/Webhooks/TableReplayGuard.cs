using Azure;
using Azure.Data.Tables;
using Sparring.Tenancy.Storage;

namespace Sparring.Tenancy.Webhooks;

/// <summary>
/// Accepted signatures as Table rows (partition = tenant, row = hex signature), inserted with AddEntity: storage's
/// own 409 decides a race between two deliveries of the same request. A row older than the timestamp window can
/// never conflict with an acceptable request (its timestamp would be out of the window too), so old rows are harmless.
/// </summary>
public sealed class TableReplayGuard(TenancyTables tables) : IReplayGuard
{
    /// <inheritdoc />
    public async Task<bool> TryRecordAsync(string tenant, string signatureHex, DateTimeOffset signedAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TenancyTables.Signatures, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new TableEntity(tenant, signatureHex) { ["SignedAt"] = signedAt }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
