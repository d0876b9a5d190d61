using System.Text.RegularExpressions;
using Sparring.Engine.Environments;

namespace Sparring.Transcripts.Derivation;

/// <summary>
/// The documented marker lists that read a mood from customer text. Panicked: fear and urgency words ("scared",
/// "hurry", "emergency", "can't breathe"…). Angry: complaint words ("ridiculous", "unacceptable", "useless", "fed up",
/// "wasted"…) two points each, plus one point per "!" (when nothing panicked is said) and per shouted word in capitals. Confused:
/// hesitation and not-understanding ("um", "uh", "I don't understand", "I'm not sure", "what do you mean"…).
/// A conversation is panicked with one panic marker, else angry with two anger points (one complaint word, or two "!"), else confused with one
/// confusion marker, else calm.
/// </summary>
public static partial class MoodMarkers
{
    /// <summary>Words and phrases of fear and urgency.</summary>
    public static IReadOnlyList<string> Panicked { get; } = ["scared", "afraid", "frightened", "terrified", "panic", "hurry", "urgent", "emergency", "can't breathe", "cannot breathe", "can't catch", "short of breath", "won't wake up", "not breathing", "help me", "oh god", "oh no"];

    /// <summary>Words and phrases of complaint and frustration.</summary>
    public static IReadOnlyList<string> Angry { get; } = ["ridiculous", "unacceptable", "useless", "fed up", "wasted", "waste of time", "furious", "angry", "terrible", "i've had it", "spare me", "lawyer", "are you kidding", "how hard", "incompetent", "fix it", "whatever"];

    /// <summary>Words and phrases of hesitation and not understanding.</summary>
    public static IReadOnlyList<string> Confused { get; } = ["um", "uh", "hmm", "i don't understand", "not sure", "i'm confused", "confused", "what do you mean", "what does that mean", "i think", "which one", "sorry, what", "i'm lost"];

    /// <summary>Marker points per mood in <paramref name="texts"/>.</summary>
    public static MoodScore Score(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int panic = 0, anger = 0, confusion = 0, exclamations = 0;
        foreach (var text in texts)
        {
            var lower = " " + text.ToLowerInvariant() + " ";
            panic += Panicked.Count(m => Has(lower, m));
            anger += 2 * Angry.Count(m => Has(lower, m));
            confusion += Confused.Count(m => Has(lower, m));
            exclamations += text.Count(c => c == '!');
            anger += Shouted().Matches(text).Count;
        }

        // An exclamation is fear when fear words are there, and anger otherwise.
        return panic > 0 ? new MoodScore(panic + exclamations, anger, confusion) : new MoodScore(0, anger + exclamations, confusion);
    }

    /// <summary>The mood of <paramref name="texts"/> by the rule in the type's summary.</summary>
    public static Mood Classify(IEnumerable<string> texts)
    {
        var score = Score(texts);
        return score.Panic >= 1 ? Mood.Panicked : score.Anger >= 2 ? Mood.Angry : score.Confusion >= 1 ? Mood.Confused : Mood.Calm;
    }

    // Whole words only: "um" must not fire inside "vacuum".
    private static bool Has(string lower, string marker)
    {
        var at = 0;
        while ((at = lower.IndexOf(marker, at, StringComparison.Ordinal)) >= 0)
        {
            var before = lower[at - 1];
            var after = at + marker.Length < lower.Length ? lower[at + marker.Length] : ' ';
            if (!char.IsLetter(before) && !char.IsLetter(after))
            {
                return true;
            }

            at++;
        }

        return false;
    }

    // A shouted word: five or more capitals alone (acronyms such as CPAP have four; ids such as ORD-1042 carry digits).
    [GeneratedRegex(@"\b[A-Z]{5,}\b")]
    private static partial Regex Shouted();
}

/// <summary>Marker points per mood.</summary>
/// <param name="Panic">Fear and urgency points.</param>
/// <param name="Anger">Complaint points.</param>
/// <param name="Confusion">Hesitation points.</param>
public sealed record MoodScore(int Panic, int Anger, int Confusion)
{
    /// <summary>All points.</summary>
    public int Total => Panic + Anger + Confusion;
}
