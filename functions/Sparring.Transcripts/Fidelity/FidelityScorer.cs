using Sparring.Engine.Environments;
using Sparring.Transcripts.Parsing;

namespace Sparring.Transcripts.Fidelity;

/// <summary>
/// Scores simulated conversations against real ones. Six features, each compared as distributions with
/// 1 − Jensen–Shannon divergence (base 2): turn_count (customer turns per conversation; bins 1, 2, 3, 4, 5, 6–7,
/// 8–10, 11–15, 16+), utterance_length (words per customer turn; 0–3, 4–6, 7–9, 10–13, 14–18, 19–25, 26–35, 36+),
/// questions (customer turns with "?"; 0, 1, 2, 3, 4+), revealed_unasked (facts stated without being asked; 0, 1, 2,
/// 3+), mood (calm, confused, angry, panicked) and vocabulary (unigrams). A logistic regression on per-conversation
/// numbers (turns, mean words, questions, unasked reveals, marker points per turn, distinct/total words) tells real
/// from simulated with 5-fold cross-validation on balanced classes. Overall = 0.5 × mean similarity + 0.5 × min(1, 2 × (1 − accuracy)).
/// </summary>
public static class FidelityScorer
{
    private static readonly int[] TurnBins = [0, 2, 3, 4, 5, 6, 8, 11, 16];
    private static readonly int[] LengthBins = [0, 4, 7, 10, 14, 19, 26, 36];
    private static readonly int[] QuestionBins = [0, 1, 2, 3, 4];
    private static readonly int[] RevealBins = [0, 1, 2, 3];

    /// <summary>The fidelity of <paramref name="simulated"/> (played by <paramref name="user"/>) against <paramref name="real"/>.</summary>
    public static FidelityReport Score(string user, IReadOnlyList<Transcript> real, IReadOnlyList<Transcript> simulated)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(simulated);
        if (real.Count == 0 || simulated.Count == 0)
        {
            throw new ArgumentException("Fidelity needs at least one real and one simulated conversation.", nameof(simulated));
        }

        var r = real.Select(ConversationFeatures.Of).ToList();
        var s = simulated.Select(ConversationFeatures.Of).ToList();
        var vocabulary = Divergence.Unigrams(r.SelectMany(f => f.Tokens), s.SelectMany(f => f.Tokens));
        var features = new List<FidelityFeature>
        {
            Numeric("turn_count", r, s, f => [f.CustomerTurns], TurnBins),
            Numeric("utterance_length", r, s, f => f.UtteranceLengths, LengthBins),
            Numeric("questions", r, s, f => [f.Questions], QuestionBins),
            Numeric("revealed_unasked", r, s, f => [f.RevealedUnasked], RevealBins),
            Numeric("mood", r, s, f => [(int)f.Mood], [0, 1, 2, 3]) with { RealMean = r.Average(f => f.Mood == Mood.Calm ? 0.0 : 1), SimulatedMean = s.Average(f => f.Mood == Mood.Calm ? 0.0 : 1) },
            new("vocabulary", 1 - Divergence.JensenShannon(vocabulary.P, vocabulary.Q), r.Average(f => f.Tokens.Distinct().Count()), s.Average(f => f.Tokens.Distinct().Count())),
        };
        var accuracy = LogisticRegression.CrossValidatedAccuracy([.. r.Select(Vector)], [.. s.Select(Vector)]);
        var classifierPart = Math.Clamp(2 * (1 - accuracy), 0, 1);
        var overall = (0.5 * features.Average(f => f.Similarity)) + (0.5 * classifierPart);
        return new FidelityReport(user, real.Count, simulated.Count, overall, features, accuracy, classifierPart);
    }

    private static FidelityFeature Numeric(string name, List<ConversationFeatures> real, List<ConversationFeatures> simulated, Func<ConversationFeatures, IEnumerable<int>> values, int[] bins)
    {
        var a = real.SelectMany(values).ToList();
        var b = simulated.SelectMany(values).ToList();
        var similarity = 1 - Divergence.JensenShannon(Divergence.Histogram(a, bins), Divergence.Histogram(b, bins));
        return new FidelityFeature(name, similarity, a.Count == 0 ? 0 : a.Average(), b.Count == 0 ? 0 : b.Average());
    }

    private static double[] Vector(ConversationFeatures f)
    {
        var turns = Math.Max(1, f.CustomerTurns);
        return
        [
            f.CustomerTurns,
            f.UtteranceLengths.Count == 0 ? 0 : f.UtteranceLengths.Average(),
            f.Questions,
            f.RevealedUnasked,
            (double)f.MoodMarkers / turns,
            f.Tokens.Count == 0 ? 0 : (double)f.Tokens.Distinct().Count() / f.Tokens.Count,
        ];
    }
}
