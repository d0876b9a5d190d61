using Acornima;
using Jint;

namespace Sparring.Engine.Tools;

/// <summary>Parses tool scripts once, at load, so a syntax error is an authoring error and not an episode failure.</summary>
internal static class ScriptCompiler
{
    /// <summary>The source name of the library, which runtime errors carry so they can be located.</summary>
    public const string LibrarySource = "library";

    /// <summary>The source name of a tool's script.</summary>
    public static string ToolSource(string name) => "tool:" + name;

    /// <summary>Wraps a function expression so it can be looked up by name; the prefix stays on line 1 so line numbers hold.</summary>
    public static string WrapTool(string name, string script) => $"__sparringTools[{Quote(name)}] = (" + script + "\n);";

    /// <summary>The source name of a scenario template's generator.</summary>
    public static string GeneratorSource(string template) => "template:" + template;

    /// <summary>Parses the library.</summary>
    public static (Prepared<Acornima.Ast.Script>? Script, ScriptSyntaxError? Error) PrepareLibrary(string source) =>
        Prepare(source, LibrarySource, source, prefixLength: 0);

    /// <summary>Parses a scenario template's generator: a script that defines <c>function generate(state, request, ctx)</c>.</summary>
    public static (Prepared<Acornima.Ast.Script>? Script, ScriptSyntaxError? Error) PrepareGenerator(string template, string source) =>
        Prepare(source, GeneratorSource(template), source, prefixLength: 0);

    /// <summary>Parses a tool's function expression, wrapped by <see cref="WrapTool"/>.</summary>
    public static (Prepared<Acornima.Ast.Script>? Script, ScriptSyntaxError? Error) PrepareTool(string name, string script)
    {
        var wrapped = WrapTool(name, script);
        return Prepare(wrapped, ToolSource(name), script, wrapped.IndexOf('(', StringComparison.Ordinal) + 1);
    }

    // On failure returns the 1-based line within the author's script, the column and the parser's words. An error past
    // the author's last line is in the wrapper (its closing parenthesis): the author's brackets do not balance.
    private static (Prepared<Acornima.Ast.Script>? Script, ScriptSyntaxError? Error) Prepare(string source, string sourceName, string authored, int prefixLength)
    {
        try
        {
            return (Jint.Engine.PrepareScript(source, sourceName, strict: true), null);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException parse)
        {
            var lines = authored.TrimEnd('\n', '\r', ' ', '\t').Split('\n');
            if (parse.LineNumber > lines.Length)
            {
                var last = lines[^1].TrimEnd('\r');
                return (null, new ScriptSyntaxError(lines.Length, last.Length + 1, "the brackets do not balance: a '(', '[' or '{' is not closed, or one is closed too many"));
            }

            var column = parse.LineNumber == 1 ? Math.Max(1, parse.Column + 1 - prefixLength) : parse.Column + 1;
            return (null, new ScriptSyntaxError(parse.LineNumber, column, parse.Description));
        }
    }

    private static string Quote(string name) => "'" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}

/// <summary>A JavaScript syntax error: line within the script (1-based), column and description.</summary>
internal sealed record ScriptSyntaxError(int Line, int Column, string Description);
