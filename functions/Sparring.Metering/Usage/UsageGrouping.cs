namespace Sparring.Metering.Usage;

/// <summary>How usage totals are grouped.</summary>
public enum UsageGrouping
{
    /// <summary>By the UTC day the episodes finished (yyyy-MM-dd).</summary>
    Day,

    /// <summary>By run id.</summary>
    Run,
}
