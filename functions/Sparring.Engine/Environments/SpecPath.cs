using System.Text;

namespace Sparring.Engine.Environments;

/// <summary>A location inside a spec document, written as a JSON path ($.tools[2].name).</summary>
public sealed class SpecPath
{
    private readonly object[] _segments;

    private SpecPath(object[] segments) => _segments = segments;

    /// <summary>The document root, $.</summary>
    public static SpecPath Root { get; } = new([]);

    /// <summary>Property names (string) and array indexes (int) from the root.</summary>
    public IReadOnlyList<object> Segments => _segments;

    /// <summary>The path to a property of this object.</summary>
    public SpecPath Property(string name) => new([.. _segments, name]);

    /// <summary>The path to an item of this array.</summary>
    public SpecPath Index(int index) => new([.. _segments, index]);

    /// <summary>Parses a JSON Pointer (/tools/2/name).</summary>
    public static SpecPath FromPointer(string pointer)
    {
        if (string.IsNullOrEmpty(pointer) || pointer == "/" || pointer == "#")
        {
            return Root;
        }

        var parts = pointer.TrimStart('#').TrimStart('/').Split('/');
        return new(parts
            .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .Select(p => int.TryParse(p, out var i) ? (object)i : p)
            .ToArray());
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder("$");
        foreach (var segment in _segments)
        {
            if (segment is int index)
            {
                text.Append('[').Append(index).Append(']');
            }
            else if (segment is string name && IsIdentifier(name))
            {
                text.Append('.').Append(name);
            }
            else
            {
                text.Append("['").Append(segment).Append("']");
            }
        }

        return text.ToString();
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsDigit(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
}
