namespace Sparring.Transcripts.Fidelity;

/// <summary>How close a mock user's conversations are to real ones; see docs/transcripts.md for the formula.</summary>
/// <param name="User">The mock user scored (kind:name).</param>
/// <param name="RealConversations">Real conversations compared.</param>
/// <param name="SimulatedConversations">Simulated conversations compared.</param>
/// <param name="Overall">0.5 × mean feature similarity + 0.5 × classifier part, in [0, 1]; 1 is indistinguishable.</param>
/// <param name="Features">Per-feature similarity (1 − Jensen–Shannon divergence, base 2) and means.</param>
/// <param name="ClassifierAccuracy">Cross-validated accuracy of a real-vs-simulated logistic regression on balanced classes (0.5 = indistinguishable).</param>
/// <param name="ClassifierPart">min(1, 2 × (1 − accuracy)): 1 at chance, 0 when it always tells them apart.</param>
public sealed record FidelityReport(
    string User,
    int RealConversations,
    int SimulatedConversations,
    double Overall,
    IReadOnlyList<FidelityFeature> Features,
    double ClassifierAccuracy,
    double ClassifierPart);

/// <summary>One feature's comparison.</summary>
/// <param name="Name">turn_count, utterance_length, questions, revealed_unasked, mood or vocabulary.</param>
/// <param name="Similarity">1 − Jensen–Shannon divergence (base 2) of the real and simulated distributions.</param>
/// <param name="RealMean">Mean of the feature over real conversations: per turn for utterance_length, distinct words for vocabulary, the share of conversations that are not calm for mood.</param>
/// <param name="SimulatedMean">The same over simulated conversations.</param>
public sealed record FidelityFeature(string Name, double Similarity, double RealMean, double SimulatedMean);
