using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Sparring.Engine.Environments;

/// <summary>The published environment JSON Schema (schemas/environment.schema.json) and the checks made with it.</summary>
internal sealed class SpecSchema
{
    private readonly JsonSchema _schema;
    private readonly JsonSchema _scenario;
    private readonly JsonNode _raw;

    private SpecSchema(string text)
    {
        _raw = JsonNode.Parse(text)!;
        _schema = JsonSchema.FromText(text);

        // The scenario definition on its own, for what templates generate; its locations are the same as the spec's.
        var scenario = new JsonObject
        {
            ["$schema"] = _raw["$schema"]?.DeepClone(),
            ["$id"] = _raw["$id"]!.GetValue<string>() + "/generated-scenario",
            ["$ref"] = "#/$defs/scenario",
            ["$defs"] = _raw["$defs"]!.DeepClone(),
        };
        _scenario = JsonSchema.FromText(scenario.ToJsonString());
    }

    /// <summary>The schema, read once per process from the engine's embedded copy.</summary>
    public static SpecSchema Instance { get; } = Load();

    /// <summary>Checks a whole spec document; returns (path, message) pairs in words an author understands.</summary>
    public IReadOnlyList<(SpecPath Path, string Message)> Check(JsonNode document) => Check(_schema, document);

    /// <summary>Checks one scenario (a template's instance) against the scenario definition; paths start at the scenario.</summary>
    public IReadOnlyList<(SpecPath Path, string Message)> CheckScenario(JsonNode scenario)
    {
        // Most instances are valid: a yes or no is cheap, the detailed evaluation runs only for those that are not.
        using var json = JsonDocument.Parse(scenario.ToJsonString());
        return _scenario.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true }).IsValid
            ? []
            : Check(_scenario, scenario);
    }

    private List<(SpecPath Path, string Message)> Check(JsonSchema schema, JsonNode document)
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        var results = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true });
        var found = new List<(SpecPath, string)>();
        Collect(results, found);
        return found;
    }

    // Walks only failing branches: a passing anyOf keeps its failed alternatives, which are not mistakes.
    private void Collect(EvaluationResults node, List<(SpecPath, string)> found)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? [])
        {
            var path = SpecPath.FromPointer(node.InstanceLocation.ToString());
            var text = Explain(keyword, message, path, node.SchemaLocation);
            if (text is not null && !found.Contains((path, text)))
            {
                found.Add((path, text));
            }
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, found);
        }
    }

    private string? Explain(string keyword, string message, SpecPath path, Uri schemaLocation)
    {
        var fragment = Uri.UnescapeDataString(schemaLocation.Fragment).TrimStart('#');
        switch (keyword)
        {
            case "":
            case "false":
                var name = path.Segments.Count > 0 ? path.Segments[^1].ToString() ?? "?" : "?";
                var cut = fragment.LastIndexOf("/additionalProperties", StringComparison.Ordinal);
                var parentFragment = cut >= 0 ? fragment[..cut] : fragment;
                var known = Navigate(parentFragment + "/properties") is JsonObject properties
                    ? properties.Select(p => p.Key).ToList()
                    : [];
                var suggestion = known.OrderBy(k => Distance(k, name)).FirstOrDefault(k => Distance(k, name) <= Math.Max(1, name.Length / 3));
                return suggestion is null
                    ? $"unknown property '{name}'" + (known.Count > 0 ? $" (allowed here: {string.Join(", ", known)})" : string.Empty)
                    : $"unknown property '{name}'; did you mean '{suggestion}'?";
            case "enum":
                return Navigate(fragment) is JsonObject subschema && subschema["enum"] is JsonArray values
                    ? $"must be one of {string.Join(", ", values.Select(v => v?.ToJsonString()))}"
                    : message;
            case "anyOf" or "oneOf" or "allOf" or "$ref":
                return null; // the nested failures say what is wrong
            case "required":
                var missing = message.Replace("Required properties [", string.Empty, StringComparison.Ordinal)
                    .Replace("] are not present", string.Empty, StringComparison.Ordinal)
                    .Replace("\"", "'", StringComparison.Ordinal);
                return $"missing required property {missing}";
            case "type" when message.EndsWith("should be \"string\"", StringComparison.Ordinal) &&
                             (message.Contains("\"number\" but", StringComparison.Ordinal) || message.Contains("\"integer\" but", StringComparison.Ordinal) || message.Contains("\"boolean\" but", StringComparison.Ordinal)):
                // YAML reads 1.0, 2 and yes-like words as numbers and booleans; quoting makes them text.
                return message.Replace("Value is", "the value is", StringComparison.Ordinal) + "; put it in quotes to make it text";
            case "type":
                return message.Replace("Value is", "the value is", StringComparison.Ordinal);
            case "format" when Navigate(fragment) is JsonObject formatted && formatted["format"]?.GetValue<string>() == "date-time":
                return "must be a date and time with a time zone (RFC 3339), such as 2026-01-15T10:00:00Z";
            default:
                return message;
        }
    }

    private JsonNode? Navigate(string fragment)
    {
        JsonNode? current = _raw;
        foreach (var part in fragment.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj => obj[key],
                JsonArray array when int.TryParse(key, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return current;
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }

    private static SpecSchema Load()
    {
        using var stream = typeof(SpecSchema).Assembly.GetManifestResourceStream("Sparring.Engine.environment.schema.json")
            ?? throw new InvalidOperationException("The environment schema is not embedded in Sparring.Engine.");
        using var reader = new StreamReader(stream);
        return new SpecSchema(reader.ReadToEnd());
    }
}
