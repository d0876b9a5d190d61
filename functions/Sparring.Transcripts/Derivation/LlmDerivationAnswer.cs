namespace Sparring.Transcripts.Derivation;

/// <summary>The structured answer a model gives when asked to derive a persona (snake_case JSON).</summary>
/// <param name="Reason">Why the customer called, one or two sentences.</param>
/// <param name="Mood">calm, confused, angry or panicked.</param>
/// <param name="Patience">Customer turns before giving up.</param>
/// <param name="OpeningLine">The customer's first message.</param>
/// <param name="KnownInfo">Facts the customer stated, values copied from the transcript.</param>
/// <param name="UnknownInfo">Things the customer said it did not know.</param>
/// <param name="StyleExamples">Customer turns copied verbatim.</param>
/// <param name="Transfer">Whether the agent transferred the customer to a human.</param>
public sealed record LlmDerivationAnswer(
    string? Reason,
    string? Mood,
    int? Patience,
    string? OpeningLine,
    IReadOnlyList<LlmFact>? KnownInfo,
    IReadOnlyList<string>? UnknownInfo,
    IReadOnlyList<string>? StyleExamples,
    bool? Transfer);

/// <summary>One fact of <see cref="LlmDerivationAnswer.KnownInfo"/>.</summary>
/// <param name="Key">What the fact is (email, order number).</param>
/// <param name="Value">The value as written in the transcript.</param>
public sealed record LlmFact(string? Key, string? Value);
