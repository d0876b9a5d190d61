using System.Text.Json.Serialization;

namespace Sparring.Engine.Environments;

/// <summary>Source-generated metadata for reading environment specs (camelCase properties, lowercase enums).</summary>
/// <remarks>
/// Spec properties with defaults use <c>set</c>, not <c>init</c>: generated deserializers assign every init-only
/// property, so a missing value would overwrite its default with null or 0.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(EnvironmentSpec))]
[JsonSerializable(typeof(ScenarioSpec))]
[JsonSerializable(typeof(IReadOnlyList<ScenarioSpec>))]
internal sealed partial class SpecJsonContext : JsonSerializerContext;
