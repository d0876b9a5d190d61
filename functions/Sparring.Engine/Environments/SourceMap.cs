using System.Text.Json.Nodes;

namespace Sparring.Engine.Environments;

/// <summary>Remembers where each node of a parsed spec came from, so errors can name file and line.</summary>
internal sealed class SourceMap
{
    private readonly Dictionary<JsonNode, SourceLocation> _locations = new(ReferenceEqualityComparer.Instance);

    public void Add(JsonNode node, SourceLocation location) => _locations[node] = location;

    public SourceLocation? Find(JsonNode? node) =>
        node is not null && _locations.TryGetValue(node, out var location) ? location : null;

    /// <summary>The location of the node at <paramref name="path"/>, or of its nearest ancestor that has one.</summary>
    public SourceLocation Locate(JsonNode root, SpecPath path, string fallbackFile)
    {
        SourceLocation? best = Find(root);
        JsonNode? current = root;
        foreach (var segment in path.Segments)
        {
            current = segment switch
            {
                int index when current is JsonArray array && index < array.Count => array[index],
                string name when current is JsonObject obj && obj.TryGetPropertyValue(name, out var child) => child,
                int key when current is JsonObject obj && obj.TryGetPropertyValue(key.ToString(System.Globalization.CultureInfo.InvariantCulture), out var child) => child,
                _ => null,
            };
            if (current is null)
            {
                break;
            }

            best = Find(current) ?? best;
        }

        return best ?? new SourceLocation(fallbackFile, null, null);
    }
}
