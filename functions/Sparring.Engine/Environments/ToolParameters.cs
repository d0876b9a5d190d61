using System.Text.Json;
using Json.Schema;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Environments;

/// <summary>Checks and compiles a tool's parameters: a JSON Schema with "type": "object" whose references all resolve.</summary>
internal static class ToolParameters
{
    // Keywords whose values are data, not schemas: a "$ref" inside them is not a reference.
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "const", "enum", "default", "examples" };

    // Keywords whose values map names to schemas: a key there may be any name, "const" included.
    private static readonly HashSet<string> NameMaps = new(StringComparer.Ordinal) { "properties", "patternProperties", "$defs", "definitions", "dependentSchemas" };

    public static JsonSchema? Compile(ToolSpec tool, SpecPath toolPath, SpecErrorCollector errors)
    {
        var path = toolPath.Property("parameters");
        var meta = MetaSchemas.Draft202012.Evaluate(tool.Parameters, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (!meta.IsValid)
        {
            foreach (var failures in ArgumentErrors.List(meta).GroupBy(e => e.Pointer))
            {
                var at = At(path, failures.Key);
                var message = IsTypeKeyword(at)
                    ? "not a JSON Schema type; use string, number, integer, boolean, object, array or null"
                    : string.Join("; ", failures.Select(f => f.Message));
                errors.Add(at, $"not a valid JSON Schema: {message}");
            }

            return null;
        }

        if (!tool.Parameters.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            errors.Add(path, $"the parameters of tool '{tool.Name}' must be a JSON Schema with \"type\": \"object\"");
            return null;
        }

        var problems = new List<(SpecPath, string)>();
        CheckReferences(tool.Parameters, tool.Parameters, path, inNameMap: false, problems);
        foreach (var (at, message) in problems)
        {
            errors.Add(at, message);
        }

        if (problems.Count > 0)
        {
            return null;
        }

        try
        {
            // A registry per tool: the global one would keep every schema of every environment ever loaded.
            return JsonSchema.FromText(tool.Parameters.GetRawText(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException)
        {
            errors.Add(path, $"not a valid JSON Schema: {ex.Message}");
            return null;
        }
    }

    private static SpecPath At(SpecPath parameters, string pointer) =>
        SpecPath.FromPointer(pointer).Segments.Aggregate(parameters, (p, s) => s is int i ? p.Index(i) : p.Property((string)s));

    private static bool IsTypeKeyword(SpecPath path) =>
        path.Segments is [.., var parent, "type"] && !(parent is string name && NameMaps.Contains(name));

    // A reference that does not resolve fails only when a call reaches it, in the middle of an episode: find it now.
    private static void CheckReferences(JsonElement root, JsonElement node, SpecPath path, bool inNameMap, List<(SpecPath, string)> problems)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in node.EnumerateArray())
            {
                CheckReferences(root, item, path.Index(index++), inNameMap: false, problems);
            }

            return;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in node.EnumerateObject())
        {
            if (!inNameMap && property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
            {
                var reference = property.Value.GetString()!;
                if (!reference.StartsWith('#'))
                {
                    problems.Add((path.Property("$ref"), $"'{reference}' is another document, which is never loaded; point inside the parameters instead (#/$defs/…)"));
                }
                else if (!Resolves(root, Uri.UnescapeDataString(reference[1..])))
                {
                    problems.Add((path.Property("$ref"), $"'{reference}' points at nothing in the parameters"));
                }
            }
            else if (inNameMap || !DataKeywords.Contains(property.Name))
            {
                CheckReferences(root, property.Value, path.Property(property.Name), !inNameMap && NameMaps.Contains(property.Name), problems);
            }
        }
    }

    private static bool Resolves(JsonElement root, string fragment)
    {
        if (fragment.Length == 0)
        {
            return true;
        }

        if (!fragment.StartsWith('/'))
        {
            return HasAnchor(root, fragment);
        }

        var current = root;
        foreach (var raw in fragment[1..].Split('/'))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasAnchor(JsonElement node, string anchor) => node.ValueKind switch
    {
        JsonValueKind.Object => node.EnumerateObject().Any(p =>
            (p.Name == "$anchor" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == anchor) || HasAnchor(p.Value, anchor)),
        JsonValueKind.Array => node.EnumerateArray().Any(item => HasAnchor(item, anchor)),
        _ => false,
    };
}
