using Sparring.Engine.Environments;

namespace Sparring.Transcripts.Derivation;

/// <summary>What derivation reads from one transcript, before it becomes a scenario.</summary>
/// <param name="Reason">Why the customer called, condensed.</param>
/// <param name="Mood">The customer's mood.</param>
/// <param name="Patience">Customer turns before giving up.</param>
/// <param name="OpeningLine">The customer's first message.</param>
/// <param name="KnownInfo">What the customer stated.</param>
/// <param name="UnknownInfo">What the customer said it did not know.</param>
/// <param name="StyleExamples">Real customer turns that show how this customer talks.</param>
/// <param name="Transfer">Whether the agent transferred the customer to a human.</param>
public sealed record PersonaDraft(
    string Reason,
    Mood Mood,
    int Patience,
    string OpeningLine,
    IReadOnlyList<KnownInfo> KnownInfo,
    IReadOnlyList<string> UnknownInfo,
    IReadOnlyList<string> StyleExamples,
    bool Transfer);
