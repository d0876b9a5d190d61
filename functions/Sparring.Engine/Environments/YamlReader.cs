using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sparring.Engine.Environments;

/// <summary>
/// Builds a JSON tree from YAML parser events, recording where each value was written. Reading events (rather than
/// YamlDotNet's node model) lets a duplicate key or an unknown alias be reported at its own line with its JSON path.
/// </summary>
internal sealed class YamlReader(IParser parser, string file, string text, SourceMap map)
{
    private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<(Mark Start, bool IsMapping, SpecPath Path)> _flows = new();
    private string[]? _lines;

    /// <summary>The innermost flow collection ({ } or [ ]) not yet closed, if any.</summary>
    public (Mark Start, bool IsMapping)? OpenFlow => _flows.Count > 0 ? (_flows.Peek().Start, _flows.Peek().IsMapping) : null;

    /// <summary>The JSON path of <see cref="OpenFlow"/>.</summary>
    public SpecPath? OpenFlowPath => _flows.Count > 0 ? _flows.Peek().Path : null;

    /// <summary>Reads the node the parser is at (and everything inside it).</summary>
    public JsonNode? Read(SpecPath path)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw Error(alias.Start, path, $"unknown alias '*{alias.Value.Value}': no '&{alias.Value.Value}' comes before it");
            }

            var copy = target?.DeepClone();
            Locate(copy, alias.Start);
            return copy;
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = SpecDocument.ScalarValue(scalar);
            Locate(value, scalar.Start, scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded);
            return Anchor(scalar, value);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            return Anchor(sequenceStart, ReadSequence(sequenceStart, path));
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            return Anchor(mappingStart, ReadMapping(mappingStart, path));
        }

        var unexpected = parser.Current;
        throw Error(unexpected?.Start ?? Mark.Empty, path, $"unexpected YAML {unexpected?.GetType().Name ?? "end of file"}");
    }

    private JsonArray ReadSequence(SequenceStart start, SpecPath path)
    {
        var array = new JsonArray();
        Locate(array, start.Start);
        Open(start.Style == SequenceStyle.Flow, start.Start, false, path);
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            array.Add(Read(path.Index(array.Count)));
        }

        Close(start.Style == SequenceStyle.Flow);
        return array;
    }

    private JsonObject ReadMapping(MappingStart start, SpecPath path)
    {
        var obj = new JsonObject();
        var keys = new Dictionary<string, Mark>(StringComparer.Ordinal);
        Locate(obj, start.Start);
        Open(start.Style == MappingStyle.Flow, start.Start, true, path);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.TryConsume<Scalar>(out var key))
            {
                throw Error(parser.Current?.Start ?? start.Start, path, "keys must be plain strings");
            }

            if (keys.TryGetValue(key.Value, out var first))
            {
                throw Error(key.Start, path.Property(key.Value), $"the key '{key.Value}' appears twice (first at line {first.Line})");
            }

            keys[key.Value] = key.Start;
            obj[key.Value] = Read(path.Property(key.Value));
        }

        Close(start.Style == MappingStyle.Flow);
        return obj;
    }

    private void Open(bool flow, Mark start, bool isMapping, SpecPath path)
    {
        if (flow)
        {
            _flows.Push((start, isMapping, path));
        }
    }

    private void Close(bool flow)
    {
        if (flow)
        {
            _flows.Pop();
        }
    }

    private JsonNode? Anchor(NodeEvent node, JsonNode? value)
    {
        if (!node.Anchor.IsEmpty)
        {
            _anchors[node.Anchor.Value] = value;
        }

        return value;
    }

    private void Locate(JsonNode? node, Mark start, bool block = false)
    {
        if (node is null)
        {
            return;
        }

        var location = new SourceLocation(file, (int)start.Line, (int)start.Column);
        if (block)
        {
            // A block scalar's content starts on the line after its indicator (| or >), indented.
            var contentLine = (int)start.Line + 1;
            location = location with { ContentLine = contentLine, ContentIndent = Indentation(contentLine) };
        }

        map.Add(node, location);
    }

    private int Indentation(int fromLine)
    {
        _lines ??= text.Split('\n');
        for (var i = fromLine - 1; i < _lines.Length; i++)
        {
            var line = _lines[i].TrimEnd('\r');
            if (line.Trim().Length > 0)
            {
                return line.Length - line.TrimStart(' ').Length;
            }
        }

        return 0;
    }

    private EnvironmentSpecException Error(Mark at, SpecPath path, string message) =>
        SpecDocument.Single(file, (int)at.Line, (int)at.Column, path, message);
}
