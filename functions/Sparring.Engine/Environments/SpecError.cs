namespace Sparring.Engine.Environments;

/// <summary>One mistake in an environment spec, located by file, line and JSON path.</summary>
/// <param name="File">The file that holds the mistake.</param>
/// <param name="Line">1-based line, when known (YAML files).</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="JsonPath">Where in the document, as $.tools[2].parameters.</param>
/// <param name="Message">What is wrong and, where possible, how to fix it.</param>
public sealed record SpecError(string File, int? Line, int? Column, string JsonPath, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}:{Column ?? 1}" : File;
        return $"{where}: {JsonPath}: {Message}";
    }
}
