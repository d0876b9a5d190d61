using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Identity;

namespace Sparring.Tenancy.Storage;

/// <summary>The tenancy tables of one storage account, each created when first used by this instance.</summary>
public sealed class TenancyTables
{
    /// <summary>Tenant rows.</summary>
    public const string Tenants = "Tenants";

    /// <summary>Webhook signatures already accepted.</summary>
    public const string Signatures = "WebhookSignatures";

    /// <summary>Idempotency keys and the runs they started.</summary>
    public const string IdempotencyKeys = "IdempotencyKeys";

    /// <summary>Completion callback deliveries.</summary>
    public const string Callbacks = "RunCallbacks";

    private readonly TableServiceClient _service;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);

    /// <summary>Tables of <paramref name="service"/>, named <paramref name="prefix"/> + the table's name.</summary>
    public TenancyTables(TableServiceClient service, string prefix = "sparring")
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        _service = service;
        _prefix = prefix;
    }

    /// <summary>Tables on the account the options name.</summary>
    /// <exception cref="InvalidOperationException">The options name no account.</exception>
    public static TenancyTables Create(TenancyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = options.TableServiceUri is { } uri
            ? new TableServiceClient(uri, new DefaultAzureCredential())
            : options.TableConnectionString is { } connection
                ? new TableServiceClient(connection)
                : throw new InvalidOperationException($"No table storage is configured: set {TenancyOptions.SectionName}:TableConnectionString (Sparring__Tenancy__TableConnectionString), {TenancyOptions.SectionName}:TableServiceUri or Sparring:Storage:ConnectionString.");
        return new TenancyTables(service, options.TablePrefix);
    }

    /// <summary>The table <paramref name="name"/> (one of this class's constants), created if missing.</summary>
    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var table = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(_prefix + n)));
        return table.Value.WaitAsync(cancellationToken);
    }

    private async Task<TableClient> CreateAsync(string tableName)
    {
        var client = _service.GetTableClient(tableName);
        try
        {
            await client.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // A failed creation (storage down) must not stick: the next call tries again.
            _tables.TryRemove(tableName[_prefix.Length..], out _);
            throw;
        }

        return client;
    }
}
