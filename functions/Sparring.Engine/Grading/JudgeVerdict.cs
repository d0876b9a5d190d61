using System.Text.Json.Serialization;

namespace Sparring.Engine.Grading;

/// <summary>The structured answer an LLM judge gives: one score per criterion.</summary>
public sealed record JudgeVerdict(IReadOnlyList<CriterionScore>? Scores);

/// <summary>A judge's score of one criterion, 1 to 5, with its reason.</summary>
public sealed record CriterionScore(string Criterion, int Score, string? Reason);

/// <summary>Source-generated metadata for judge verdicts.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JudgeVerdict))]
internal sealed partial class JudgeJsonContext : JsonSerializerContext;
