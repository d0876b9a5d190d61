using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Abstractions.Metering;

/// <summary>
/// What the orchestration needs of metering: record a finished episode's usage, and say how many episodes a tenant may
/// still run. It lives here, free of any storage SDK, so the orchestration library stays free of Azure (as with
/// <see cref="ITrajectoryStore"/>); Sparring.Metering implements it over a Table ledger.
/// </summary>
public interface IUsageMeter
{
    /// <summary>Records the usage of a finished episode of <paramref name="run"/>; however often it is called, the episode is recorded once.</summary>
    Task RecordAsync(RunKey run, Trajectory trajectory, CancellationToken cancellationToken);

    /// <summary>The tenant's episode quota for the calendar month (UTC) of <paramref name="at"/> and how much of it is used.</summary>
    Task<EpisodeAllowance> AllowanceAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken);
}
