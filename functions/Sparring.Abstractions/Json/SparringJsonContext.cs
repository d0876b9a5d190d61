using System.Text.Json;
using System.Text.Json.Serialization;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Abstractions.Json;

/// <summary>Source-generated System.Text.Json metadata for every document Sparring stores or sends.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(Trajectory))]
[JsonSerializable(typeof(RunReport))]
[JsonSerializable(typeof(EpisodeSummary))]
[JsonSerializable(typeof(ChatMessageRecord))]
[JsonSerializable(typeof(IReadOnlyList<ChatMessageRecord>))]
[JsonSerializable(typeof(CheckpointManifest))]
[JsonSerializable(typeof(CheckpointPointer))]
public sealed partial class SparringJsonContext : JsonSerializerContext
{
    /// <summary>The same metadata, writing indented JSON for files people read.</summary>
    public static SparringJsonContext Indented { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true });
}
