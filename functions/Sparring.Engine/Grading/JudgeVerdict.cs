using System.Text.Json.Serialization;

namespace Sparring.Engine.Grading;

/// <summary>The structured answer an LLM judge gives: one score per criterion.</summary>
public sealed record JudgeVerdict(IReadOnlyList<CriterionScore>? Scores);

/// <summary>A judge's score of one criterion, 1 to 5, with its reason.</summary>
public sealed record CriterionScore(string Criterion, int Score, string? Reason);

/// <summary>A judge's answer on a scenario's assertions.</summary>
public sealed record AssertionVerdict(IReadOnlyList<AssertionResult>? Assertions);

/// <summary>Whether assertion number <see cref="Index"/> (1-based) is met, and why.</summary>
public sealed record AssertionResult(int Index, bool Met, string? Reason);

/// <summary>Source-generated metadata for judge verdicts.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JudgeVerdict))]
[JsonSerializable(typeof(AssertionVerdict))]
internal sealed partial class JudgeJsonContext : JsonSerializerContext;
