using Azure.Data.Tables;
using Sparring.Tenancy.Storage;

namespace Sparring.Tenancy.Callbacks;

/// <summary>Callback records as Table rows: partition = tenant, row = run id.</summary>
public sealed class TableCallbackLog(TenancyTables tables) : ICallbackLog
{
    /// <inheritdoc />
    public async Task<CallbackRecord?> GetAsync(string tenant, string runId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TenancyTables.Callbacks, cancellationToken).ConfigureAwait(false);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(tenant, runId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } row)
        {
            return null;
        }

        return new CallbackRecord(
            row.GetString(nameof(CallbackRecord.Status)) ?? CallbackRecord.Retrying,
            row.GetInt32(nameof(CallbackRecord.Attempts)) ?? 0,
            row.GetString(nameof(CallbackRecord.LastError)),
            row.GetDateTimeOffset(nameof(CallbackRecord.CompletedAt)) ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset(nameof(CallbackRecord.UpdatedAt)) ?? DateTimeOffset.MinValue);
    }

    /// <inheritdoc />
    public async Task SaveAsync(string tenant, string runId, CallbackRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await tables.GetAsync(TenancyTables.Callbacks, cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(tenant, runId)
        {
            [nameof(CallbackRecord.Status)] = record.Status,
            [nameof(CallbackRecord.Attempts)] = record.Attempts,
            [nameof(CallbackRecord.LastError)] = record.LastError,
            [nameof(CallbackRecord.CompletedAt)] = record.CompletedAt,
            [nameof(CallbackRecord.UpdatedAt)] = record.UpdatedAt,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
