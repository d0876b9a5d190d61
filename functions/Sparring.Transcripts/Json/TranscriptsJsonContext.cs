using System.Text.Json.Serialization;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Fidelity;
using Sparring.Transcripts.Parsing;

namespace Sparring.Transcripts.Json;

/// <summary>Source-generated JSON for what this library stores or sends: redacted transcripts and fidelity reports (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, WriteIndented = false)]
[JsonSerializable(typeof(Transcript))]
[JsonSerializable(typeof(IReadOnlyList<Transcript>))]
[JsonSerializable(typeof(FidelityReport))]
public sealed partial class TranscriptsJsonContext : JsonSerializerContext;

/// <summary>Source-generated JSON for the model's derivation answers (snake_case, as the prompt asks).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(LlmDerivationAnswer))]
public sealed partial class DerivationJsonContext : JsonSerializerContext;
