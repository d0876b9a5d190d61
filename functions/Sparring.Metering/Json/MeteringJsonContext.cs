using System.Text.Json.Serialization;
using Sparring.Metering.Usage;

namespace Sparring.Metering.Json;

/// <summary>Source-generated JSON for usage records and totals (the usage API's and the CLI's output).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(UsageRecord))]
[JsonSerializable(typeof(IReadOnlyList<UsageRecord>))]
[JsonSerializable(typeof(UsageTotals))]
[JsonSerializable(typeof(IReadOnlyList<UsageTotals>))]
[JsonSerializable(typeof(UsageReport))]
public sealed partial class MeteringJsonContext : JsonSerializerContext;
