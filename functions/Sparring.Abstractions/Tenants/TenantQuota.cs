namespace Sparring.Abstractions.Tenants;

/// <summary>What a tenant may use: episodes in a calendar month (UTC) and runs going at once; null means no limit.</summary>
/// <param name="EpisodesPerMonth">Finished episodes a tenant may be billed for in one calendar month (UTC).</param>
/// <param name="ConcurrentRuns">Runs of the tenant that may be going at once.</param>
public sealed record TenantQuota(long? EpisodesPerMonth = null, int? ConcurrentRuns = null)
{
    /// <summary>No limits.</summary>
    public static TenantQuota Unlimited { get; } = new();
}
