using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Metering.Usage;

namespace Sparring.Metering.Ledger;

/// <summary>
/// The usage ledger in Azure Table storage (Azurite locally), one row per episode keyed by <see cref="UsageKeys"/>.
/// Exactly once: a row is inserted, never upserted, so a retried activity's second insert fails with 409 and the first
/// record stands. The monthly episode count is the number of rows in the tenant's month partition, so no counter
/// exists that a retry could add to twice. The table is created on first use.
/// </summary>
public sealed class TableUsageLedger(TableClient table, ILogger<TableUsageLedger>? logger = null) : IUsageLedger
{
    /// <summary>The table's default name.</summary>
    public const string DefaultTableName = "usage";

    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];
    private readonly ILogger _logger = logger ?? NullLogger<TableUsageLedger>.Instance;
    private volatile bool _tableExists;

    /// <summary>A ledger in table <paramref name="tableName"/> of the account of <paramref name="connectionString"/>.</summary>
    public static TableUsageLedger Create(string connectionString, string tableName = DefaultTableName, ILogger<TableUsageLedger>? logger = null) =>
        new(new TableClient(connectionString, tableName), logger);

    /// <summary>A ledger in table <paramref name="tableName"/> of the Table service at <paramref name="serviceUri"/>, reached with <paramref name="credential"/>.</summary>
    public static TableUsageLedger Create(Uri serviceUri, TokenCredential credential, string tableName = DefaultTableName, ILogger<TableUsageLedger>? logger = null) =>
        new(new TableClient(serviceUri, tableName, credential), logger);

    /// <inheritdoc />
    public async Task<bool> RecordAsync(UsageRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = UsageEntities.ToEntity(record);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            _logger.LogDebug("Usage of episode {EpisodeId} of run {RunId} ({Tenant}) is already recorded", record.EpisodeId, record.RunId, record.Tenant);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UsageRecord>> ListAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<UsageRecord>();
        foreach (var month in UsageKeys.Months(from, to))
        {
            var partition = UsageKeys.Partition(tenant, month);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and FinishedAt ge {from.ToUniversalTime()} and FinishedAt lt {to.ToUniversalTime()}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                records.Add(UsageEntities.FromEntity(entity));
            }
        }

        return [.. records.OrderBy(r => r.FinishedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ThenBy(r => r.EpisodeId, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<long> CountEpisodesInMonthAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var partition = UsageKeys.Partition(tenant, at);
        var count = 0L;

        // Keys only: a page of 1,000 rows per request, so even a large month is a few requests.
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: KeysOnly, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            // Creating an existing table is harmless, so two callers racing here do no damage.
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _tableExists = true;
        }
    }
}
