using System.Text.Json.Serialization;

namespace Sparring.Training.Ppo;

/// <summary>Source-generated JSON for PPO metrics.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(Dictionary<string, double>))]
public sealed partial class PpoJsonContext : JsonSerializerContext;
