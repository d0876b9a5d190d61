using Sparring.Engine.Environments;

namespace Sparring.Transcripts.Derivation;

/// <summary>A scenario derived from one transcript, with how it was derived and the grounding it carries.</summary>
/// <param name="Scenario">The scenario: tagged transcript and its mood, split by the transcript's hash, no gold actions.</param>
/// <param name="TranscriptId">The transcript's id.</param>
/// <param name="Method">heuristic or llm.</param>
/// <param name="FallbackReason">Why the model's answer was not used, when a model was asked and the heuristic took over.</param>
/// <param name="StyleExamples">Real customer turns of the transcript, for grounded users.</param>
public sealed record DerivedScenario(ScenarioSpec Scenario, string TranscriptId, string Method, string? FallbackReason, IReadOnlyList<string> StyleExamples);
