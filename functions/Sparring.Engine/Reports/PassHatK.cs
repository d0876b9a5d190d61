namespace Sparring.Engine.Reports;

/// <summary>
/// pass^k as τ-bench defines it: the chance that k independent trials of a task all succeed, estimated per task
/// from n trials with c successes as C(c, k) / C(n, k), then averaged over tasks.
/// </summary>
public static class PassHatK
{
    /// <summary>pass^k for k = 1 … the smallest number of trials any task has.</summary>
    /// <param name="trials">Per task: (trials, successes).</param>
    public static IReadOnlyDictionary<int, double> Compute(IReadOnlyCollection<(int Trials, int Successes)> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var result = new SortedDictionary<int, double>();
        if (trials.Count == 0)
        {
            return result;
        }

        var maxK = trials.Min(t => t.Trials);
        for (var k = 1; k <= maxK; k++)
        {
            result[k] = trials.Average(t => Choose(t.Successes, k) / Choose(t.Trials, k));
        }

        return result;
    }

    /// <summary>The binomial coefficient C(n, k) as a double (0 when k &gt; n).</summary>
    public static double Choose(int n, int k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }

        double value = 1;
        for (var i = 1; i <= k; i++)
        {
            value = value * (n - k + i) / i;
        }

        return value;
    }
}
