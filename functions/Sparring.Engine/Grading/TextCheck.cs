using System.Text.RegularExpressions;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Grading;

/// <summary>Evaluates a contains or regex check over the agent's messages.</summary>
public static class TextCheck
{
    /// <summary>Whether the check passes, and why (or why not).</summary>
    public static (bool Passed, string Reason) Evaluate(TextCheckSpec check, IReadOnlyList<string> agentTexts)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(agentTexts);
        var why = check.Reason is null ? string.Empty : $" ({check.Reason})";
        if (check.Type == GraderTypes.Regex)
        {
            // The static method reuses Regex's cache of parsed patterns; building one per episode cost more than grading.
            var hit = agentTexts.FirstOrDefault(t => Regex.IsMatch(t, check.Pattern!, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
            return check.MustNotMatch
                ? (hit is null, hit is null ? $"no agent message matches /{check.Pattern}/" : $"an agent message matches /{check.Pattern}/ but must not{why}: \"{Excerpt(hit)}\"")
                : (hit is not null, hit is not null ? $"an agent message matches /{check.Pattern}/" : $"no agent message matches /{check.Pattern}/{why}");
        }

        var failures = new List<string>();
        if (check.Any is { Count: > 0 } any && !any.Any(p => Said(agentTexts, p)))
        {
            failures.Add($"the agent never said any of {Quote(any)}");
        }

        if (check.All is { } all)
        {
            var missing = all.Where(p => !Said(agentTexts, p)).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"the agent never said {Quote(missing)}");
            }
        }

        if (check.None is { } none)
        {
            var said = none.Where(p => Said(agentTexts, p)).ToList();
            if (said.Count > 0)
            {
                failures.Add($"the agent said {Quote(said)}, which it must not");
            }
        }

        return failures.Count == 0 ? (true, "the agent's messages pass the check") : (false, string.Join("; ", failures) + why);
    }

    /// <summary>Whether any text contains the phrase, ignoring case and thousands separators.</summary>
    public static bool Said(IReadOnlyList<string> texts, string phrase)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var wanted = Normalize(phrase);
        return texts.Any(t => Normalize(t).Contains(wanted, StringComparison.OrdinalIgnoreCase));
    }

    // τ²-bench compares communicated values with commas removed, so "1,234.50" and "1234.50" both count.
    private static string Normalize(string text) => text.Replace(",", string.Empty, StringComparison.Ordinal);

    private static string Quote(IEnumerable<string> phrases) => string.Join(", ", phrases.Select(p => $"'{p}'"));

    private static string Excerpt(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
