using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>
/// Facts read from what the caller said: email, name, date of birth, zip code, order, invoice and serial numbers,
/// a delivery address, yes and no. Later statements win, so a caller can correct themselves.
/// </summary>
internal sealed partial class CallerFacts(IReadOnlyList<string> userTexts)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "MMMM d, yyyy", "MMMM d yyyy", "M/d/yyyy", "MM/dd/yyyy"];

    // Built once: building a regex costs more than the rest of a planner step.
    private static readonly FrozenDictionary<string, (Regex Stated, Regex Confirmed)> FactPatterns =
        new[] { "full name", "name", "date of birth", "zip code" }.ToFrozenDictionary(key => key, FactPatternsFor, StringComparer.Ordinal);

    /// <summary>Everything the caller said, in order.</summary>
    public IReadOnlyList<string> Texts { get; } = userTexts;

    /// <summary>The email address the caller gave last.</summary>
    public string? Email => LastMatch(EmailPattern())?.Value.ToLowerInvariant();

    /// <summary>The caller's first and last name.</summary>
    public (string First, string Last)? FullName
    {
        get
        {
            var name = Fact("full name") ?? Fact("name");
            var words = name?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return words is { Length: >= 2 } ? (words[0], words[^1]) : null;
        }
    }

    /// <summary>The date of birth as YYYY-MM-DD.</summary>
    public string? DateOfBirth => Fact("date of birth") is { } text && ParseDate(text) is { } date ? date : null;

    /// <summary>The zip code of the account.</summary>
    public string? Zip => Fact("zip code") is { } text && ZipPattern().Match(text) is { Success: true } zip ? zip.Value : null;

    /// <summary>The order number the caller gave last.</summary>
    public string? OrderId => LastMatch(OrderPattern())?.Value.ToUpperInvariant();

    /// <summary>The invoice number the caller gave last.</summary>
    public string? InvoiceId => LastMatch(InvoicePattern())?.Value.ToUpperInvariant();

    /// <summary>The device serial number the caller gave last.</summary>
    public string? SerialNumber => LastMatch(SerialPattern())?.Value.ToUpperInvariant();

    /// <summary>The last delivery address the caller gave, with any later zip-code correction applied.</summary>
    public PostalAddress? Address
    {
        get
        {
            for (var i = Texts.Count - 1; i >= 0; i--)
            {
                if (AddressPattern().Matches(Texts[i]).LastOrDefault() is not { } match)
                {
                    continue;
                }

                var zip = match.Groups["zip"].Value;
                foreach (var later in Texts.Skip(i + 1))
                {
                    if (ZipCorrectionPattern().Match(later) is { Success: true } correction)
                    {
                        zip = correction.Groups["zip"].Value;
                    }
                }

                var line2 = match.Groups["line2"].Success ? match.Groups["line2"].Value.Trim() : null;
                return new PostalAddress(match.Groups["line1"].Value.Trim(), line2, match.Groups["city"].Value.Trim(), match.Groups["state"].Value, zip);
            }

            return null;
        }
    }

    /// <summary>Whether any caller message contains one of the phrases (case-insensitive).</summary>
    public bool Mentions(params string[] phrases) => Texts.Any(t => phrases.Any(p => t.Contains(p, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Whether a reply accepts (true) or declines (false) what the agent proposed; null when it does neither. The
    /// earlier of a yes-word and a no-word decides, so "No, please don't" and "Yes, go ahead" both read right.
    /// </summary>
    public static bool? Agrees(string? reply)
    {
        if (reply is null)
        {
            return null;
        }

        var yes = AcceptPattern().Match(reply);
        var no = DeclinePattern().Match(reply);
        return (yes.Success, no.Success) switch
        {
            (true, true) => yes.Index < no.Index,
            (true, false) => true,
            (false, true) => false,
            _ => null,
        };
    }

    /// <summary>Parses a date the way callers say it, as YYYY-MM-DD.</summary>
    public static string? ParseDate(string text)
    {
        var cleaned = text.Trim().TrimEnd('.');
        return DateOnly.TryParseExact(cleaned, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The value of a fact the caller stated as "my {key} is {value}" or "It's {value} — that's my {key}".</summary>
    public string? Fact(string key)
    {
        var (stated, confirmed) = FactPatterns.TryGetValue(key, out var known) ? known : FactPatternsFor(key);
        for (var i = Texts.Count - 1; i >= 0; i--)
        {
            var match = new[] { stated.Matches(Texts[i]).LastOrDefault(), confirmed.Matches(Texts[i]).LastOrDefault() }
                .Where(m => m is not null)
                .MaxBy(m => m!.Index);
            if (match is not null)
            {
                return match.Groups["value"].Value.Trim();
            }
        }

        return null;
    }

    private static (Regex Stated, Regex Confirmed) FactPatternsFor(string key) =>
    (
        new Regex($@"\bmy {Regex.Escape(key)} is (?<value>.+?)\.(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
        new Regex($@"\bIt's (?<value>.+?) — that's my {Regex.Escape(key)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
    );

    private Match? LastMatch(Regex pattern)
    {
        for (var i = Texts.Count - 1; i >= 0; i--)
        {
            if (pattern.Matches(Texts[i]).LastOrDefault() is { } match)
            {
                return match;
            }
        }

        return null;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b\d{5}\b")]
    private static partial Regex ZipPattern();

    [GeneratedRegex(@"\bORD-\d{4,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"\bINV-\d{4,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex InvoicePattern();

    [GeneratedRegex(@"\b(?:OC5|POC|AS11|MINI)-\d{6}\b", RegexOptions.IgnoreCase)]
    private static partial Regex SerialPattern();

    [GeneratedRegex(@"(?<line1>(?:\d+[A-Za-z]?|P\.?\s?O\.?\s?Box)\s[^,\n]+?)(?:,\s*(?<line2>(?:Apt|Apartment|Unit|Suite|#)[^,\n]*))?,\s*(?<city>[A-Za-z][A-Za-z .'-]*?),\s*(?<state>[A-Z]{2})\s+(?<zip>\d{5})\b")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"(?:(?:correct|right) zip(?: code)? is|zip(?: code)? should be) (?<zip>\d{5})\b", RegexOptions.IgnoreCase)]
    private static partial Regex ZipCorrectionPattern();

    [GeneratedRegex(@"\b(yes|yeah|yep|sure|please do|go ahead|sounds good|that's fine|that works|perfect|book it|do it)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AcceptPattern();

    [GeneratedRegex(@"\b(no|nope|don't|do not|doesn't work|won't work|never mind|changed my mind|rather not)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DeclinePattern();
}
