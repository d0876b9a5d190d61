using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Sparring.Engine.Environments;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Parsing;

namespace Sparring.Transcripts.Users;

/// <summary>
/// Real customer phrasings from redacted transcripts, by conversation: the opening, answers that give a fact (kept as
/// templates: the fact's value becomes {value}), short acknowledgements, restatements, and the closing line (thanks or
/// giving up). Grounded users look up the conversations nearest to their persona: bag-of-words cosine over reasons,
/// plus a bonus for the same mood.
/// </summary>
public sealed partial class GroundingCorpus
{
    /// <summary>Added to the similarity of a conversation whose customer had the persona's mood.</summary>
    public const double SameMoodBonus = 0.25;

    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(
        StringComparer.Ordinal,
        "the", "and", "for", "you", "your", "my", "our", "can", "could", "would", "with", "that", "this", "was", "are",
        "have", "has", "but", "not", "its", "it's", "i'd", "i'm", "like", "want", "need", "please", "hi", "hello", "what");

    private GroundingCorpus(IReadOnlyList<GroundedConversation> conversations) => Conversations = conversations;

    /// <summary>The conversations, one per transcript.</summary>
    public IReadOnlyList<GroundedConversation> Conversations { get; }

    /// <summary>A corpus of redacted transcripts with their derived scenarios (matched by transcript id).</summary>
    public static GroundingCorpus Build(IEnumerable<Transcript> redacted, IEnumerable<DerivedScenario> derived)
    {
        ArgumentNullException.ThrowIfNull(redacted);
        ArgumentNullException.ThrowIfNull(derived);
        // A conversation that occurs twice (the same content, so the same id) counts once.
        var personas = derived.GroupBy(d => d.TranscriptId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Scenario.Persona, StringComparer.Ordinal);
        return new GroundingCorpus([.. redacted.DistinctBy(t => t.Id).Where(t => personas.ContainsKey(t.Id)).Select(t => Read(t, personas[t.Id]))]);
    }

    /// <summary>The <paramref name="count"/> conversations nearest to <paramref name="persona"/>, nearest first (ties by transcript id).</summary>
    public IReadOnlyList<GroundedConversation> Nearest(PersonaSpec persona, int count)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var words = Words(persona.ReasonForCall);
        return [.. Conversations
            .Select(c => (Conversation: c, Score: Cosine(words, c.ReasonWords) + (c.Mood == persona.Mood ? SameMoodBonus : 0)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Conversation.TranscriptId, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Conversation)];
    }

    /// <summary>Content words of a text, lower case, for the similarity.</summary>
    public static IReadOnlyDictionary<string, int> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Word().Matches(text.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => w.Length >= 3 && !StopWords.Contains(w))
            .GroupBy(w => w, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>Cosine similarity of two bags of words (0 when either is empty).</summary>
    public static double Cosine(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double dot = a.Sum(kv => b.TryGetValue(kv.Key, out var n) ? kv.Value * (double)n : 0);
        var norm = Math.Sqrt(a.Values.Sum(v => (double)v * v)) * Math.Sqrt(b.Values.Sum(v => (double)v * v));
        return norm == 0 ? 0 : dot / norm;
    }

    private static GroundedConversation Read(Transcript transcript, PersonaSpec persona)
    {
        var answers = new List<AnswerTemplate>();
        var acknowledgements = new List<string>();
        var restatements = new List<string>();
        string? closing = null;
        string? giveUp = null;
        var turns = transcript.Turns.Where(t => t.Role is TranscriptRole.Customer or TranscriptRole.Agent && t.Text.Length > 0).ToList();
        var customerSeen = 0;
        var customerTotal = turns.Count(t => t.Role == TranscriptRole.Customer);
        for (var i = 0; i < turns.Count; i++)
        {
            if (turns[i].Role != TranscriptRole.Customer)
            {
                continue;
            }

            customerSeen++;
            var text = turns[i].Text;
            if (customerSeen == 1)
            {
                continue;
            }

            var facts = KnownFacts.Extract([text]);
            if (customerSeen == customerTotal && facts.Count == 0)
            {
                if (GiveUpWords().IsMatch(text))
                {
                    giveUp = text;
                }
                else
                {
                    closing = text;
                }
            }
            else if (facts.Count == 1 && text.Contains(facts[0].Value, StringComparison.Ordinal))
            {
                answers.Add(new AnswerTemplate(facts[0].Key, text.Replace(facts[0].Value, "{value}", StringComparison.Ordinal)));
            }
            else if (facts.Count == 0 && HeuristicDerivation.Words(text) <= 6)
            {
                acknowledgements.Add(text);
            }
            else if (facts.Count == 0)
            {
                restatements.Add(text);
            }
        }

        var opening = turns.First(t => t.Role == TranscriptRole.Customer).Text;
        return new GroundedConversation(transcript.Id, Words(persona.ReasonForCall), persona.Mood, opening, answers, acknowledgements, restatements, closing, giveUp);
    }

    [GeneratedRegex(@"[a-z']+")]
    private static partial Regex Word();

    [GeneratedRegex(@"hang(?:ing)? up|never mind|call back|useless|forget it|give up|can't wait", RegexOptions.IgnoreCase)]
    private static partial Regex GiveUpWords();
}

/// <summary>What one real conversation offers a grounded user.</summary>
/// <param name="TranscriptId">The transcript.</param>
/// <param name="ReasonWords">Content words of its reason for calling.</param>
/// <param name="Mood">Its customer's mood.</param>
/// <param name="Opening">The customer's first message.</param>
/// <param name="Answers">Turns that gave one fact, as templates.</param>
/// <param name="Acknowledgements">Short turns without facts (six words or fewer).</param>
/// <param name="Restatements">Longer turns without facts.</param>
/// <param name="Closing">The last turn, when the customer ended the call content.</param>
/// <param name="GiveUp">The last turn, when the customer gave up.</param>
public sealed record GroundedConversation(
    string TranscriptId,
    IReadOnlyDictionary<string, int> ReasonWords,
    Mood Mood,
    string Opening,
    IReadOnlyList<AnswerTemplate> Answers,
    IReadOnlyList<string> Acknowledgements,
    IReadOnlyList<string> Restatements,
    string? Closing,
    string? GiveUp);

/// <summary>A real answer that gave a fact, with the fact's value replaced by {value}.</summary>
/// <param name="Key">The fact's key (email, order number).</param>
/// <param name="Template">The phrasing, e.g. "Sure, my email is {value}."</param>
public sealed record AnswerTemplate(string Key, string Template);
