using System.Text.Json.Serialization;

namespace Sparring.Tenancy.Callbacks;

/// <summary>Source-generated JSON for what tenancy sends: the completion callback.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunCompletedCallback))]
public sealed partial class TenancyJsonContext : JsonSerializerContext;
