using System.Text.Json.Nodes;

namespace Sparring.Engine.Environments;

/// <summary>Collects spec mistakes by JSON path and locates each one in its file.</summary>
internal sealed class SpecErrorCollector(JsonNode root, SourceMap map, string displayPath)
{
    private readonly List<SpecError> _errors = [];

    public IReadOnlyList<SpecError> Errors => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(SpecPath path, string message)
    {
        var location = map.Locate(root, path, displayPath);
        _errors.Add(new SpecError(location.File, location.Line, location.Column, path.ToString(), message));
    }

    /// <summary>
    /// Adds a mistake inside a script: the line is the script's first content line plus the script line, the column
    /// the script column plus the block's indentation.
    /// </summary>
    public void AddInScript(SpecPath path, int scriptLine, int column, string message)
    {
        var location = map.Locate(root, path, displayPath);
        var first = location.ContentLine ?? location.Line;
        _errors.Add(new SpecError(location.File, first is { } f ? f + scriptLine - 1 : null, column + location.ContentIndent, path.ToString(), message));
    }

    public void AddRange(IEnumerable<SpecError> errors) => _errors.AddRange(errors);

    /// <summary>Where a script starts: its file and the line of its first content line.</summary>
    public (string File, int Line) ScriptOrigin(SpecPath path)
    {
        var location = map.Locate(root, path, displayPath);
        return (location.File, location.ContentLine ?? location.Line ?? 1);
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new EnvironmentSpecException(
                [.. _errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line ?? 0).ThenBy(e => e.Column ?? 0)]);
        }
    }
}
