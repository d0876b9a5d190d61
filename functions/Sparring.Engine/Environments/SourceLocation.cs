namespace Sparring.Engine.Environments;

/// <summary>Where a value of a spec document was written.</summary>
/// <param name="File">The file, as given to the loader (relative paths stay relative).</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="ContentLine">For a block scalar (a script), the line its first content line is on.</param>
/// <param name="ContentIndent">For a block scalar, the spaces before its content on each line.</param>
public sealed record SourceLocation(string File, int? Line, int? Column, int? ContentLine = null, int ContentIndent = 0);
