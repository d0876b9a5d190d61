using System.Text.RegularExpressions;
using Sparring.Transcripts.Parsing;

namespace Sparring.Transcripts.Redaction;

/// <summary>
/// Replaces personal information with typed placeholders ([EMAIL], [PHONE], [CARD], [ADDRESS], [DOB], [NAME]) before a
/// transcript is stored or sent to a model. Order ids (ORD-1042, #W2378156), customer ids, amounts and tracking
/// numbers survive: card numbers must pass the Luhn check (or follow the word "card"), and digits glued to letters or
/// dashes are never matched.
/// </summary>
public sealed partial class PiiRedactor
{
    /// <summary>The placeholder that replaces <paramref name="kind"/>.</summary>
    public static string Placeholder(PiiKind kind) => kind switch
    {
        PiiKind.Email => "[EMAIL]",
        PiiKind.Phone => "[PHONE]",
        PiiKind.Card => "[CARD]",
        PiiKind.Address => "[ADDRESS]",
        PiiKind.Name => "[NAME]",
        _ => "[DOB]",
    };

    /// <summary>Redacts one text.</summary>
    public RedactionResult Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new Dictionary<PiiKind, int>();
        void Count(PiiKind kind) => counts[kind] = counts.GetValueOrDefault(kind) + 1;

        text = Email().Replace(text, _ =>
        {
            Count(PiiKind.Email);
            return Placeholder(PiiKind.Email);
        });

        // Before phones: a card's digit groups could otherwise pass for a phone number. A number introduced as a card
        // ("my card number is …") is redacted even when it fails the Luhn check: customers mistype them.
        var withCards = text;
        text = CardCandidate().Replace(text, m =>
        {
            var digits = m.Value.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
            var introduced = withCards.AsSpan(Math.Max(0, m.Index - 30), Math.Min(30, m.Index)).Contains("card", StringComparison.OrdinalIgnoreCase);
            if (digits.Length is < 13 or > 19 || !(Luhn(digits) || introduced))
            {
                return m.Value;
            }

            Count(PiiKind.Card);
            return Placeholder(PiiKind.Card);
        });

        text = DateOfBirth().Replace(text, m =>
        {
            Count(PiiKind.DateOfBirth);
            return m.Groups["intro"].Value + Placeholder(PiiKind.DateOfBirth);
        });

        text = DateOfBirthAfter().Replace(text, m =>
        {
            Count(PiiKind.DateOfBirth);
            return Placeholder(PiiKind.DateOfBirth) + m.Groups["tail"].Value;
        });

        text = Phone().Replace(text, _ =>
        {
            Count(PiiKind.Phone);
            return Placeholder(PiiKind.Phone);
        });

        text = Address().Replace(text, _ =>
        {
            Count(PiiKind.Address);
            return Placeholder(PiiKind.Address);
        });

        text = NameIntroduced().Replace(text, m =>
        {
            Count(PiiKind.Name);
            return m.Groups["intro"].Value + Placeholder(PiiKind.Name);
        });

        text = NameAfter().Replace(text, m =>
        {
            Count(PiiKind.Name);
            return Placeholder(PiiKind.Name) + m.Groups["tail"].Value;
        });

        text = NameField().Replace(text, m =>
        {
            Count(PiiKind.Name);
            return m.Groups["intro"].Value + Placeholder(PiiKind.Name) + "\"";
        });

        return new RedactionResult(text, counts);
    }

    /// <summary>Redacts every turn of a transcript (texts, tool arguments and tool results); the id stays the original's.</summary>
    public (Transcript Transcript, IReadOnlyDictionary<PiiKind, int> Counts) Redact(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var counts = new Dictionary<PiiKind, int>();
        string Apply(string text)
        {
            var result = Redact(text);
            foreach (var (kind, count) in result.Counts)
            {
                counts[kind] = counts.GetValueOrDefault(kind) + count;
            }

            return result.Text;
        }

        var turns = transcript.Turns.Select(turn => turn with
        {
            Text = Apply(turn.Text),
            ToolCalls = turn.ToolCalls?.Select(c => c with { Function = c.Function with { Arguments = Apply(c.Function.Arguments) } }).ToList(),
        }).ToList();
        return (transcript with { Turns = turns }, counts);
    }

    private static bool Luhn(int[] digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // 13 to 19 digits, single spaces or dashes between them; not glued to letters, digits or dashes (ORD-…, 1Z…).
    [GeneratedRegex(@"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")]
    private static partial Regex CardCandidate();

    // +1 / 1 optional; area code bare or in parentheses; separators space, dot or dash (or none). Without an area
    // code, a local number needs its dot or dash (555-0104), so that bare seven-digit numbers stay.
    [GeneratedRegex(@"(?<![\w-])(?:(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}|\d{3}[.-]\d{4})(?![\w-])")]
    private static partial Regex Phone();

    private const string MonthName = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

    // Only a date introduced as a birth date: other dates (orders, deliveries) are needed to understand the call.
    // Also a record's field: "date_of_birth":"1960-02-27".
    [GeneratedRegex(@"(?<intro>\b(?:date[\s_]+of[\s_]+birth|birth[\s_]*date|birthday|d\.?o\.?b\.?|born(?:\s+on)?)(?:\s+(?:is|was))?""?\s*[:=,-]?\s*""?)(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|" + MonthName + @"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MonthName + @",?\s+\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex DateOfBirth();

    // A date named as a birth date after the fact: "It's March 12, 1944 — that's my date of birth".
    [GeneratedRegex(@"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}|" + MonthName + @"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + MonthName + @",?\s+\d{4})(?<tail>\s*[—–,-]*\s*(?:that's|that is|which is|is)\s+(?:my|his|her|their)\s+(?:date\s+of\s+birth|birth\s*date|birthday|dob)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex DateOfBirthAfter();

    private const string StreetSuffix = "(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|parkway|pkwy|circle|cir|highway|hwy|trail|trl)";

    // House number, one to four street-name words, a suffix; then an optional unit, city, state and zip. Name words are
    // never common function words or units, so that "2 days ago by the way" stays.
    [GeneratedRegex(@"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:(?!(?:the|a|an|by|ago|and|or|to|of|in|on|at|for|my|your|it|is|was|days?|weeks?|months?|years?|hours?|minutes?|items?|times?|boxes|packs?)\b)[A-Za-z0-9][A-Za-z0-9'.-]*\s+){1,4}" + StreetSuffix + @"\b\.?(?:,?\s+(?:apt|apartment|unit|suite|ste|#)\.?\s*#?[A-Za-z0-9-]+)?(?:,\s*[A-Za-z][A-Za-z .]*?,?\s+[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex Address();

    // One to three capitalized words (O'Brien, Smith-Jones); "It's" is no name: no apostrophe right after the first letters.
    private const string NameWords = @"[A-Z][a-z]+(?:['-][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:['-][A-Z][a-z]+)?){0,2}";

    // Names only where introduced as names: a capitalized word or two (three with a middle name) after "my name is".
    [GeneratedRegex(@"(?<intro>\b(?i:my\s+(?:full\s+)?name\s+is|my\s+name's|name\s*:)\s+)" + NameWords)]
    private static partial Regex NameIntroduced();

    // "It's Carol Bautista — that's my full name".
    [GeneratedRegex(@"\b" + NameWords + @"(?<tail>\s*[—–,-]*\s*(?i:that's|that is)\s+(?i:my|his|her)\s+(?i:full\s+)?name\b)")]
    private static partial Regex NameAfter();

    // A record's person-name fields: "first_name":"Carol", and "name" right after "customer_id" (a plain "name" is
    // often a product's: "Fingertip Pulse Oximeter" stays).
    [GeneratedRegex(@"(?<intro>""(?:first_|last_|full_|customer_)name""\s*:\s*""|""customer_id""\s*:\s*""[^""]*""\s*,\s*""name""\s*:\s*"")[^""]+""", RegexOptions.IgnoreCase)]
    private static partial Regex NameField();
}
