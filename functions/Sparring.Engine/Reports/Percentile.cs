namespace Sparring.Engine.Reports;

/// <summary>Percentiles by linear interpolation between closest ranks (numpy's default).</summary>
public static class Percentile
{
    /// <summary>The <paramref name="p"/>-th percentile (0–100) of the values; 0 for none.</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
