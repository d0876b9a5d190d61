using System.Text.RegularExpressions;
using Sparring.Engine.Environments;
using Sparring.Transcripts.Parsing;

namespace Sparring.Transcripts.Derivation;

/// <summary>
/// Derives a persona without a model. Reason: the customer's first substantive turn (more than three words once
/// greetings and fillers are stripped), its first two sentences, at most 200 characters. Known info:
/// <see cref="KnownFacts"/>. Mood: <see cref="MoodMarkers"/> over all customer turns. Patience: customer turns plus
/// a slack (4 for calm and confused customers, 2 for angry and panicked ones), between 3 and 20. Opening line: the
/// first customer turn. Style examples: up to three other customer turns of three words or more. Transfer: the agent
/// called a transfer tool or said it would transfer.
/// </summary>
public static partial class HeuristicDerivation
{
    /// <summary>Most style examples kept per transcript.</summary>
    public const int MaxStyleExamples = 3;

    /// <summary>The persona of a (redacted) transcript.</summary>
    public static PersonaDraft Derive(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var customer = transcript.CustomerTurns.Select(t => t.Text).ToList();
        if (customer.Count == 0)
        {
            throw new ArgumentException($"Transcript {transcript.Id} ({transcript.Source}:{transcript.Line}) has no customer turn.", nameof(transcript));
        }

        var mood = MoodMarkers.Classify(customer);
        var slack = mood is Mood.Angry or Mood.Panicked ? 2 : 4;
        var examples = customer.Skip(1).Where(t => Words(t) >= 3).Distinct(StringComparer.Ordinal).Take(MaxStyleExamples).ToList();
        return new PersonaDraft(
            Reason(customer),
            mood,
            Math.Clamp(customer.Count + slack, 3, 20),
            customer[0],
            KnownFacts.Extract(customer),
            Unknown(transcript),
            examples,
            Transferred(transcript));
    }

    /// <summary>The condensed reason for calling: see the type's summary.</summary>
    public static string Reason(IReadOnlyList<string> customerTurns)
    {
        ArgumentNullException.ThrowIfNull(customerTurns);
        var first = customerTurns.Select(Strip).FirstOrDefault(t => Words(t) > 3) ?? Strip(customerTurns[0]);
        var sentences = Sentence().Matches(first).Select(m => m.Value.Trim()).Where(s => s.Length > 0).Take(2);
        var reason = string.Join(" ", sentences);
        if (reason.Length == 0)
        {
            reason = first;
        }

        if (reason.Length > 200)
        {
            var cut = reason.LastIndexOf(' ', 199);
            reason = reason[..(cut > 0 ? cut : 200)].TrimEnd(',', ';', ' ') + "…";
        }

        return reason.Length > 0 ? char.ToUpperInvariant(reason[0]) + reason[1..] : reason;
    }

    internal static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Strip(string text) => Filler().Replace(text.Trim(), string.Empty).Trim();

    private static List<string> Unknown(Transcript transcript) =>
    [
        .. transcript.CustomerTurns
            .Select(t => DoNotKnow().Match(t.Text))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value.Trim().TrimEnd('.', '!', ','))
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase),
    ];

    private static bool Transferred(Transcript transcript) =>
        transcript.Turns.Any(t => t.ToolCalls?.Any(c => c.Function.Name.Contains("transfer", StringComparison.OrdinalIgnoreCase)) == true)
        || transcript.Turns.LastOrDefault(t => t.Role == TranscriptRole.Agent && t.Text.Length > 0) is { } last
            && TransferWords().IsMatch(last.Text);

    // Greetings and fillers at the start of a turn: "Um, okay... Hi, " carries no reason.
    [GeneratedRegex(@"^(?:(?:um+|uh+|okay|ok|so|well|hi|hello|hey|good (?:morning|afternoon|evening)|dear|there|yes)\b[\s,.!?…]*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Filler();

    [GeneratedRegex(@"[^.!?]+(?:[.!?]+|$)")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\bI (?:don't|do not) (?:know|have|remember) (?:my |the )?([^.!?,]{3,40})", RegexOptions.IgnoreCase)]
    private static partial Regex DoNotKnow();

    [GeneratedRegex(@"\btransfer|\bconnect you (?:to|with)|\bhuman agent|\bput you through", RegexOptions.IgnoreCase)]
    private static partial Regex TransferWords();
}
