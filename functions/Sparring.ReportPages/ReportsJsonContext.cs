using System.Text.Json.Serialization;

namespace Sparring.ReportPages;

/// <summary>Source-generated JSON of the data a report page embeds.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunReportPageContent))]
[JsonSerializable(typeof(ReportEpisode))]
internal sealed partial class ReportsJsonContext : JsonSerializerContext;
