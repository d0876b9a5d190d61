using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var reader = new YamlReader(parser, file, text, map);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                throw Single(file, 1, 1, SpecPath.Root, "the file is empty");
            }

            parser.Consume<DocumentStart>();
            var root = reader.Read(SpecPath.Root);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                throw Single(file, (int)second.Start.Line, (int)second.Start.Column, SpecPath.Root, "the file holds a second YAML document (after '---'); a spec is one document");
            }

            return root;
        }
        catch (YamlException ex)
        {
            // The error's end is where the parser noticed it; some errors carry no position (index 0) and the scanner's is used.
            var message = FirstSentence(ex.InnerException?.Message ?? ex.Message);
            var at = ex.End.Index == 0 && scanner.CurrentPosition.Index > 0 ? scanner.CurrentPosition : ex.End;
            var began = ex.Start.Index > 0 && ex.Start.Line != at.Line ? $" (it began at line {ex.Start.Line}, column {ex.Start.Column})" : string.Empty;
            throw Single(file, (int)at.Line, (int)at.Column, SpecPath.Root, $"not valid YAML: {message}{began}");
        }
        catch (InvalidOperationException) when (reader.OpenFlow is { } open)
        {
            // YamlDotNet's scanner fails this way when a flow collection ({ } or [ ]) runs on into block lines.
            throw Single(file, (int)open.Start.Line, (int)open.Start.Column, reader.OpenFlowPath!, $"not valid YAML: this '{(open.IsMapping ? '{' : '[')}' is not closed");
        }
        catch (InvalidOperationException)
        {
            throw Single(file, (int)scanner.CurrentPosition.Line, (int)scanner.CurrentPosition.Column, SpecPath.Root, "not valid YAML: the text cannot be read past this point");
        }
    }

    // YAML 1.2 core schema: only plain (unquoted) scalars are typed.
    internal static JsonNode? ScalarValue(Scalar scalar)
    {
        var value = scalar.Value;
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
        foreach (var marker in (string[])[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd();
    }

    internal static EnvironmentSpecException Single(string file, int? line, int? column, SpecPath path, string message) =>
        new([new SpecError(file, line, column, path.ToString(), message)]);

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
