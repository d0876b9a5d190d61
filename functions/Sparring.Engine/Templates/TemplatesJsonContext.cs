using System.Text.Json.Serialization;

namespace Sparring.Engine.Templates;

/// <summary>Source-generated metadata for what templates send to generators and keep in the scenario cache.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GeneratorRequest))]
[JsonSerializable(typeof(ScenarioCacheFile))]
internal sealed partial class TemplatesJsonContext : JsonSerializerContext;
