namespace Sparring.Transcripts.Fidelity;

/// <summary>Jensen–Shannon divergence and the fixed-bin histograms it compares.</summary>
public static class Divergence
{
    /// <summary>Jensen–Shannon divergence (base 2, so in [0, 1]) of two count vectors over the same bins.</summary>
    public static double JensenShannon(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Count != q.Count)
        {
            throw new ArgumentException("Both distributions need the same bins.", nameof(q));
        }

        double sp = p.Sum(), sq = q.Sum();
        if (sp == 0 || sq == 0)
        {
            return sp == sq ? 0 : 1;
        }

        double js = 0;
        for (var i = 0; i < p.Count; i++)
        {
            double a = p[i] / sp, b = q[i] / sq, m = (a + b) / 2;
            js += (a > 0 ? a * Math.Log2(a / m) : 0) / 2 + (b > 0 ? b * Math.Log2(b / m) : 0) / 2;
        }

        return Math.Clamp(js, 0, 1);
    }

    /// <summary>Counts of <paramref name="values"/> in bins whose lower edges are <paramref name="edges"/> (the last bin is open).</summary>
    public static double[] Histogram(IEnumerable<int> values, IReadOnlyList<int> edges)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(edges);
        var counts = new double[edges.Count];
        foreach (var value in values)
        {
            var bin = 0;
            while (bin + 1 < edges.Count && value >= edges[bin + 1])
            {
                bin++;
            }

            counts[bin]++;
        }

        return counts;
    }

    /// <summary>Counts of two token lists over their joint vocabulary, in the same order.</summary>
    public static (double[] P, double[] Q) Unigrams(IEnumerable<string> p, IEnumerable<string> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        var a = p.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        var b = q.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        var vocabulary = a.Keys.Union(b.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return ([.. vocabulary.Select(w => a.GetValueOrDefault(w))], [.. vocabulary.Select(w => b.GetValueOrDefault(w))]);
    }
}
