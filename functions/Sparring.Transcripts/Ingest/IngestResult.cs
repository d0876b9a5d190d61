using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Parsing;
using Sparring.Transcripts.Redaction;

namespace Sparring.Transcripts.Ingest;

/// <summary>What an ingest produced: redacted transcripts, their scenarios, redaction counts and the files it could not read.</summary>
/// <param name="Transcripts">Redacted transcripts, each once (a repeated conversation is kept once, by id).</param>
/// <param name="Scenarios">One derived scenario per transcript, in the same order.</param>
/// <param name="Redactions">Replacements per kind over all transcripts.</param>
/// <param name="Errors">Files that could not be read, with file:line and the problem; the other files were ingested.</param>
public sealed record IngestResult(
    IReadOnlyList<Transcript> Transcripts,
    IReadOnlyList<DerivedScenario> Scenarios,
    IReadOnlyDictionary<PiiKind, int> Redactions,
    IReadOnlyList<string> Errors);
