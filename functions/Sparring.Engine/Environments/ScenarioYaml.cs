using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sparring.Engine.Environments;

/// <summary>
/// Writes scenarios as YAML in the spec's own shape: a list that a scenarioFiles file can hold as it is. Defaults
/// (nulls, false, empty lists) are left out; a generated scenario's template is a comment above it.
/// </summary>
public static class ScenarioYaml
{
    /// <summary>The scenarios as one YAML document, a list.</summary>
    public static string Serialize(IEnumerable<ScenarioSpec> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, bestIndent: 2, bestWidth: int.MaxValue);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
        foreach (var scenario in scenarios)
        {
            if (scenario.Template is { } template)
            {
                emitter.Emit(new Comment($"from template {template}", isInline: false));
            }

            var node = JsonSerializer.SerializeToNode(scenario, SpecJsonContext.Default.ScenarioSpec)!.AsObject();
            node.Remove("template");

            // The model's enum names are capitalized; the spec writes moods in lowercase.
            if (node["persona"]?["mood"] is JsonValue mood)
            {
                node["persona"]!["mood"] = mood.GetValue<string>().ToLowerInvariant();
            }

            Write(emitter, node);
        }

        emitter.Emit(new SequenceEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Write(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var (name, value) in map.Where(p => !IsDefault(p.Value)))
                {
                    emitter.Emit(new Scalar(name));
                    Write(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray list:
                // Lists of plain values read best on one line, as authors write tags and phrases.
                var style = list.All(item => item is JsonValue) ? SequenceStyle.Flow : SequenceStyle.Block;
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, style));
                foreach (var item in list)
                {
                    Write(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                emitter.Emit(Text(value.GetValue<string>()));
                break;
            case JsonValue value:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value.ToJsonString(), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            default:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    private static bool IsDefault(JsonNode? value) =>
        value is null
        || (value is JsonArray { Count: 0 })
        || (value is JsonValue v && v.GetValueKind() == JsonValueKind.False);

    // Text that YAML would read as something else (a number, true, null) or that cannot be plain is quoted.
    private static Scalar Text(string text)
    {
        var style = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : IsPlain(text) ? ScalarStyle.Plain
            : ScalarStyle.DoubleQuoted;
        return new Scalar(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: style == ScalarStyle.Plain, isQuotedImplicit: style != ScalarStyle.Plain);
    }

    private static bool IsPlain(string text) =>
        text.Length > 0
        && text.Trim() == text
        && SpecDocument.ScalarValue(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false)) is JsonValue read
        && read.GetValueKind() == JsonValueKind.String
        && read.GetValue<string>() == text;
}
