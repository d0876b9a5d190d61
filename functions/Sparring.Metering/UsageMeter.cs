using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Metering.Ledger;
using Sparring.Metering.Pricing;
using Sparring.Metering.Quotas;
using Sparring.Metering.Usage;

namespace Sparring.Metering;

/// <summary>The orchestration's meter: prices a finished episode into a usage record and writes it to the ledger once; reads quotas.</summary>
public sealed class UsageMeter(IUsageLedger ledger, PriceTable prices, EpisodeQuota quota, ILogger<UsageMeter> logger) : IUsageMeter
{
    /// <inheritdoc />
    public async Task RecordAsync(RunKey run, Trajectory trajectory, CancellationToken cancellationToken)
    {
        var record = UsageRecord.From(run, trajectory, prices);
        if (await ledger.RecordAsync(record, cancellationToken).ConfigureAwait(false))
        {
            logger.LogDebug("Recorded usage of episode {EpisodeId} of run {Run}: {Tokens} tokens, {Cost} USD", record.EpisodeId, run, record.TotalTokens, record.CostUsd);
        }
    }

    /// <inheritdoc />
    public Task<EpisodeAllowance> AllowanceAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken) =>
        quota.AllowanceAsync(tenant, at, cancellationToken);
}
