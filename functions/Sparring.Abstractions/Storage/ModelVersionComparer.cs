namespace Sparring.Abstractions.Storage;

/// <summary>
/// Orders versions as people number them: runs of digits compare as numbers ("2" before "10", "1.9" before "1.10"),
/// everything else ordinally; versions equal that way (as "7" and "07") fall back to ordinal order.
/// </summary>
public sealed class ModelVersionComparer : IComparer<string>
{
    /// <summary>The comparer.</summary>
    public static ModelVersionComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var (a, nextI) = DigitRun(x, i);
                var (b, nextJ) = DigitRun(y, j);
                var byNumber = CompareNumbers(a, b);
                if (byNumber != 0)
                {
                    return byNumber;
                }

                (i, j) = (nextI, nextJ);
                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static (ReadOnlyMemory<char> Digits, int Next) DigitRun(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return (text.AsMemory(start, end - start), end);
    }

    // Numbers of any length: without leading zeros, a longer run is larger; of equal length, the digits decide.
    private static int CompareNumbers(ReadOnlyMemory<char> a, ReadOnlyMemory<char> b)
    {
        var x = a.Span.TrimStart('0');
        var y = b.Span.TrimStart('0');
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.SequenceCompareTo(y);
    }
}
