namespace Sparring.Training.Generation;

/// <summary>Draws a token from logits with temperature and nucleus (top-p) sampling, on the CPU with a seeded generator.</summary>
public sealed class TokenSampler(float temperature, float topP, int seed)
{
    private readonly Random _random = new(seed);
    private double[] _probabilities = [];
    private int[] _order = [];

    /// <summary>Picks the next token from one row of logits.</summary>
    public int Next(ReadOnlySpan<float> logits)
    {
        if (temperature <= 0f)
        {
            return ArgMax(logits);
        }

        if (_probabilities.Length != logits.Length)
        {
            _probabilities = new double[logits.Length];
            _order = new int[logits.Length];
        }

        var max = double.NegativeInfinity;
        foreach (var value in logits)
        {
            max = Math.Max(max, value);
        }

        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            _probabilities[i] = Math.Exp((logits[i] - max) / temperature);
            sum += _probabilities[i];
            _order[i] = i;
        }

        var draw = _random.NextDouble();
        if (topP >= 1f)
        {
            var target = draw * sum;
            for (var i = 0; i < logits.Length; i++)
            {
                target -= _probabilities[i];
                if (target <= 0)
                {
                    return i;
                }
            }

            return ArgMax(logits);
        }

        var probabilities = _probabilities;
        Array.Sort(_order, (a, b) => probabilities[b].CompareTo(probabilities[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var nucleus = 0;
        var kept = 0.0;
        while (nucleus < _order.Length && (nucleus == 0 || kept < topP * sum))
        {
            kept += _probabilities[_order[nucleus++]];
        }

        var pick = draw * kept;
        for (var i = 0; i < nucleus; i++)
        {
            pick -= _probabilities[_order[i]];
            if (pick <= 0)
            {
                return _order[i];
            }
        }

        return _order[nucleus - 1];
    }

    private static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }
}
