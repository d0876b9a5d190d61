using System.Text.RegularExpressions;
using Sparring.Engine.Environments;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Parsing;

namespace Sparring.Transcripts.Fidelity;

/// <summary>
/// What the fidelity score measures of one conversation, customer side: turns, words per turn, turns with a
/// question, turns that state a fact (id, placeholder, name, zip) when the agent had not just asked a question,
/// mood marker points, the mood, and the words.
/// </summary>
/// <param name="CustomerTurns">Customer turns.</param>
/// <param name="UtteranceLengths">Words of each customer turn.</param>
/// <param name="Questions">Customer turns with a question mark.</param>
/// <param name="RevealedUnasked">Customer turns stating a fact the agent had not asked for.</param>
/// <param name="MoodMarkers">Mood marker points (<see cref="MoodMarkers"/>).</param>
/// <param name="Mood">The mood those markers give.</param>
/// <param name="Tokens">The customer's words, lower case.</param>
public sealed partial record ConversationFeatures(int CustomerTurns, IReadOnlyList<int> UtteranceLengths, int Questions, int RevealedUnasked, int MoodMarkers, Mood Mood, IReadOnlyList<string> Tokens)
{
    /// <summary>The features of a transcript.</summary>
    public static ConversationFeatures Of(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var lengths = new List<int>();
        var tokens = new List<string>();
        var customer = new List<string>();
        int questions = 0, unasked = 0;
        var agentAsked = false;
        foreach (var turn in transcript.Turns.Where(t => t.Text.Length > 0))
        {
            if (turn.Role == TranscriptRole.Agent)
            {
                agentAsked = turn.Text.Contains('?', StringComparison.Ordinal);
                continue;
            }

            if (turn.Role != TranscriptRole.Customer)
            {
                continue;
            }

            customer.Add(turn.Text);
            lengths.Add(HeuristicDerivation.Words(turn.Text));
            tokens.AddRange(Word().Matches(turn.Text.ToLowerInvariant()).Select(m => m.Value));
            questions += turn.Text.Contains('?', StringComparison.Ordinal) ? 1 : 0;
            unasked += !agentAsked && KnownFacts.StatesAny(turn.Text) ? 1 : 0;
            agentAsked = false;
        }

        var score = Derivation.MoodMarkers.Score(customer);
        return new ConversationFeatures(customer.Count, lengths, questions, unasked, score.Total, Derivation.MoodMarkers.Classify(customer), tokens);
    }

    // Words, and placeholders as one token each.
    [GeneratedRegex(@"\[[a-z]+\]|[a-z0-9']+")]
    private static partial Regex Word();
}
