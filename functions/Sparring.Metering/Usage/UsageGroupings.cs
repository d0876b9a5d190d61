namespace Sparring.Metering.Usage;

/// <summary>The names of <see cref="UsageGrouping"/> as the API and the CLI write them.</summary>
public static class UsageGroupings
{
    /// <summary>day or run.</summary>
    public static string Name(UsageGrouping grouping) => grouping == UsageGrouping.Day ? "day" : "run";

    /// <summary>The grouping named <paramref name="name"/> (day or run, any case), or null when it is neither.</summary>
    public static UsageGrouping? Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "DAY" => UsageGrouping.Day,
        "RUN" => UsageGrouping.Run,
        _ => null,
    };
}
