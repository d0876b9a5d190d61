namespace Sparring.Abstractions.Metering;

/// <summary>A tenant's episode quota for one calendar month (UTC) and the episodes recorded in it.</summary>
/// <param name="Limit">Episodes the tenant may run in the month; null when unlimited.</param>
/// <param name="Used">Episodes recorded in the month.</param>
public sealed record EpisodeAllowance(long? Limit, long Used)
{
    /// <summary>No limit (and nothing counted).</summary>
    public static EpisodeAllowance Unlimited { get; } = new(null, 0);

    /// <summary>Episodes left this month, never negative; null when unlimited.</summary>
    public long? Left => Limit is { } limit ? Math.Max(0, limit - Used) : null;
}
