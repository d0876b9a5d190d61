using System.Text.Json.Serialization;
using Sparring.Training.Model;

namespace Sparring.Training.Checkpoints;

/// <summary>Source-generated JSON for checkpoint files and training metrics.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CheckpointConfig))]
[JsonSerializable(typeof(TransformerConfig))]
[JsonSerializable(typeof(TrainingMetadata))]
[JsonSerializable(typeof(WeightsHeader))]
public sealed partial class TrainingJsonContext : JsonSerializerContext;
