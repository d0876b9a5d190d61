using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>Scores product names against the caller's words: "the humidifier bottles" points at "Oxygen Humidifier Bottle".</summary>
internal static partial class ItemMatcher
{
    // Words every other product shares say nothing about which one the caller means.
    private static readonly FrozenSet<string> Generic = new[] { "cpap", "oxygen", "pack", "count", "with" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>How many distinct words of <paramref name="productName"/> the caller used.</summary>
    public static int Score(string productName, IEnumerable<string> userTexts)
    {
        var text = string.Join(" ", userTexts);
        return Keywords(productName).Count(k => IntentClassifier.Has(text, k));
    }

    /// <summary>The indexes of the names the caller's words fit best; empty when they fit none.</summary>
    public static IReadOnlyList<int> Best(IReadOnlyList<string> productNames, IEnumerable<string> userTexts)
    {
        var texts = userTexts.ToList();
        var scores = productNames.Select(n => Score(n, texts)).ToList();
        var best = scores.DefaultIfEmpty(0).Max();
        return best == 0 ? [] : [.. scores.Select((s, i) => (s, i)).Where(p => p.s == best).Select(p => p.i)];
    }

    private static IEnumerable<string> Keywords(string productName) =>
        NonLetters().Split(productName.ToLowerInvariant()).Where(w => w.Length >= 4 && !Generic.Contains(w)).Distinct();

    [GeneratedRegex("[^a-z]+")]
    private static partial Regex NonLetters();
}
