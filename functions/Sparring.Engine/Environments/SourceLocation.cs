namespace Sparring.Engine.Environments;

/// <summary>Where a value of a spec document was written.</summary>
/// <param name="File">The file, as given to the loader (relative paths stay relative).</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Column">1-based column, when known.</param>
/// <param name="ContentLine">For a block scalar (a script), the line its first content line is on.</param>
public sealed record SourceLocation(string File, int? Line, int? Column, int? ContentLine = null);
