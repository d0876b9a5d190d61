using System.Text.Json.Serialization;

namespace Sparring.Training.Rewards;

/// <summary>Source-generated JSON for reward model checkpoint files.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RewardModelConfig))]
[JsonSerializable(typeof(RewardModelReport))]
public sealed partial class RewardJsonContext : JsonSerializerContext;
