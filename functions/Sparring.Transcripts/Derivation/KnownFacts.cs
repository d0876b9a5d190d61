using System.Text.RegularExpressions;
using Sparring.Engine.Environments;

namespace Sparring.Transcripts.Derivation;

/// <summary>
/// What a customer states about itself: redaction placeholders (known but redacted: [EMAIL] is the fact "email"),
/// ids such as ORD-20048 (order number), INV-… (invoice number), CUS-… (customer id), RMA-… (return number),
/// #W2378156 (order number), a name after "my (full) name is" / "this is", and a zip code after "zip".
/// </summary>
public static partial class KnownFacts
{
    /// <summary>The facts stated in <paramref name="customerTurns"/>, first mention first; volunteered when stated in the first turn.</summary>
    public static IReadOnlyList<KnownInfo> Extract(IReadOnlyList<string> customerTurns)
    {
        ArgumentNullException.ThrowIfNull(customerTurns);
        var facts = new List<KnownInfo>();
        for (var turn = 0; turn < customerTurns.Count; turn++)
        {
            foreach (var (key, value, askedBy) in Find(customerTurns[turn]))
            {
                if (!facts.Any(f => f.Key == key && f.Value == value))
                {
                    facts.Add(new KnownInfo { Key = key, Value = value, AskedBy = askedBy, Volunteered = turn == 0 });
                }
            }
        }

        return facts;
    }

    /// <summary>Whether <paramref name="text"/> states any fact (an id, a placeholder, a name or a zip code).</summary>
    public static bool StatesAny(string text) => Find(text).Any();

    private static IEnumerable<(string Key, string Value, IReadOnlyList<string> AskedBy)> Find(string text)
    {
        foreach (Match m in Placeholder().Matches(text))
        {
            yield return m.Groups[1].Value switch
            {
                "EMAIL" => ("email", m.Value, ["email"]),
                "PHONE" => ("phone number", m.Value, ["phone", "number to reach"]),
                "CARD" => ("card number", m.Value, ["card"]),
                "ADDRESS" => ("address", m.Value, ["address"]),
                "NAME" => ("name", m.Value, ["name"]),
                _ => ("date of birth", m.Value, ["date of birth", "birth"]),
            };
        }

        foreach (Match m in PrefixedId().Matches(text))
        {
            yield return m.Groups[1].Value switch
            {
                "ORD" => ("order number", m.Value, ["order"]),
                "INV" => ("invoice number", m.Value, ["invoice", "bill"]),
                "CUS" => ("customer id", m.Value, ["customer id", "account"]),
                "RMA" => ("return number", m.Value, ["return"]),
                _ => ("reference number", m.Value, ["reference", "number"]),
            };
        }

        foreach (Match m in HashId().Matches(text))
        {
            yield return ("order number", m.Value, ["order"]);
        }

        foreach (Match m in Name().Matches(text))
        {
            yield return ("name", m.Groups[1].Value, ["name"]);
        }

        foreach (Match m in Zip().Matches(text))
        {
            yield return ("zip code", m.Groups[1].Value, ["zip"]);
        }
    }

    [GeneratedRegex(@"\[(EMAIL|PHONE|CARD|ADDRESS|DOB|NAME)\]")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b([A-Z]{2,5})-(\d{3,})\b")]
    private static partial Regex PrefixedId();

    [GeneratedRegex(@"#[A-Z]?\d{5,}\b")]
    private static partial Regex HashId();

    [GeneratedRegex(@"\b(?:[Mm]y (?:full )?name is|[Tt]his is)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")]
    private static partial Regex Name();

    [GeneratedRegex(@"\bzip(?:\s*code)?(?:\s+is)?\s*:?\s*(\d{5})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Zip();
}
