using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Metering;
using Sparring.Metering;
using Sparring.Metering.Ledger;
using Sparring.Metering.Pricing;
using Sparring.Metering.Quotas;
using Sparring.Storage;

namespace Sparring.Cli.Commands;

/// <summary>The usage ledger of the CLI's Blob target: the Table service of the configured account, or of the repository's Azurite.</summary>
internal static class UsageLedgers
{
    /// <summary>The ledger, in the account the configured storage (or <paramref name="connection"/>, Azurite) names.</summary>
    public static async Task<IUsageLedger> CreateAsync(IConfiguration configuration, Func<Task<string>> connection, ILoggerFactory logging)
    {
        var storage = StorageOptions.FromConfiguration(configuration);
        var options = UsageLedgerOptions.FromConfiguration(configuration);
        var logger = logging.CreateLogger<TableUsageLedger>();
        return storage.ServiceUri is { } serviceUri
            ? TableUsageLedger.Create(options.TableServiceFor(serviceUri), new DefaultAzureCredential(), options.Table, logger)
            : TableUsageLedger.Create(await connection().ConfigureAwait(false), options.Table, logger);
    }

    /// <summary>
    /// The meter of a local run: the settings' price table, and no quota, since the CLI has no tenant directory (quotas
    /// are the Function App's, where the tenant directory provides them).
    /// </summary>
    public static IUsageMeter Meter(IUsageLedger ledger, IConfiguration configuration, ILoggerFactory logging)
    {
        PriceTable prices;
        try
        {
            prices = PriceTable.FromConfiguration(configuration);
        }
        catch (PriceTableException ex)
        {
            throw new CliException(ex.Message);
        }

        return new UsageMeter(ledger, prices, new EpisodeQuota(new UnlimitedTenantQuotas(), ledger), logging.CreateLogger<UsageMeter>());
    }
}
