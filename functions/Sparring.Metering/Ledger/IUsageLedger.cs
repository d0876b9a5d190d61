using Sparring.Metering.Usage;

namespace Sparring.Metering.Ledger;

/// <summary>Where usage records are kept: each (tenant, run, episode) once, however often it is recorded.</summary>
public interface IUsageLedger
{
    /// <summary>Records <paramref name="record"/>; true when it was written now, false when the episode was already recorded (the first record stands).</summary>
    Task<bool> RecordAsync(UsageRecord record, CancellationToken cancellationToken);

    /// <summary>The tenant's records whose episode finished at or after <paramref name="from"/> and before <paramref name="to"/>, oldest first.</summary>
    Task<IReadOnlyList<UsageRecord>> ListAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Episodes the tenant has recorded in the calendar month (UTC) of <paramref name="at"/>.</summary>
    Task<long> CountEpisodesInMonthAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken);
}
