using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sparring.Engine.Environments;

/// <summary>Reads a YAML or JSON file into a JSON tree, remembering where every value was written.</summary>
internal static partial class SpecDocument
{
    /// <summary>Parses <paramref name="path"/>; <paramref name="displayPath"/> is the name errors use.</summary>
    public static JsonNode? Parse(string path, string displayPath, SourceMap map)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Single(displayPath, null, null, SpecPath.Root, $"cannot read the file: {ex.Message}");
        }

        return IsJson(path) ? ParseJson(text, displayPath, map) : ParseYaml(text, displayPath, map);
    }

    private static bool IsJson(string path) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static JsonNode? ParseJson(string text, string file, SourceMap map)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (node is not null)
            {
                map.Add(node, new SourceLocation(file, null, null));
            }

            return node;
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var column = ex.BytePositionInLine is { } c ? (int)c + 1 : (int?)null;
            throw Single(file, line, column, SpecPath.Root, $"not valid JSON: {FirstSentence(ex.Message)}");
        }
    }

    private static JsonNode? ParseYaml(string text, string file, SourceMap map)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            throw Single(file, (int)ex.Start.Line, (int)ex.Start.Column, SpecPath.Root, $"not valid YAML: {FirstSentence(message)}");
        }

        if (stream.Documents.Count == 0)
        {
            throw Single(file, 1, 1, SpecPath.Root, "the file is empty");
        }

        return Convert(stream.Documents[0].RootNode, file, SpecPath.Root, map);
    }

    private static JsonNode? Convert(YamlNode node, string file, SpecPath path, SourceMap map)
    {
        var location = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        JsonNode? result;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        throw Single(file, (int)keyNode.Start.Line, (int)keyNode.Start.Column, path, "keys must be plain strings");
                    }

                    if (obj.ContainsKey(key))
                    {
                        throw Single(file, (int)keyNode.Start.Line, (int)keyNode.Start.Column, path.Property(key), $"the key '{key}' appears twice");
                    }

                    obj[key] = Convert(valueNode, file, path.Property(key), map);
                }

                result = obj;
                break;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, file, path.Index(index++), map));
                }

                result = array;
                break;
            case YamlScalarNode scalar:
                result = Scalar(scalar);
                if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
                {
                    location = location with { ContentLine = location.Line + 1 };
                }

                break;
            default:
                throw Single(file, location.Line, location.Column, path, $"unsupported YAML node {node.NodeType}");
        }

        if (result is not null)
        {
            map.Add(result, location);
        }

        return result;
    }

    // YAML 1.2 core schema: only plain (unquoted) scalars are typed.
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static EnvironmentSpecException Single(string file, int? line, int? column, SpecPath path, string message) =>
        new([new SpecError(file, line, column, path.ToString(), message)]);

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
