using System.Text.Json.Serialization;

namespace Sparring.Training.Data;

/// <summary>Source-generated JSON for training data.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChatExample))]
public sealed partial class TrainingDataJsonContext : JsonSerializerContext;
