using Acornima;
using Jint;

namespace Sparring.Engine.Tools;

/// <summary>Parses tool scripts once, at load, so a syntax error is an authoring error and not an episode failure.</summary>
internal static class ScriptCompiler
{
    /// <summary>Wraps a function expression so it can be looked up by name; the prefix stays on line 1 so line numbers hold.</summary>
    public static string WrapTool(string name, string script) => $"__sparringTools[{Quote(name)}] = (" + script + "\n);";

    /// <summary>Parses a script; on failure returns the 1-based line within the script, the column and the parser's words.</summary>
    public static (Prepared<Acornima.Ast.Script>? Script, ScriptSyntaxError? Error) Prepare(string source, int prefixLength = 0)
    {
        try
        {
            return (Jint.Engine.PrepareScript(source, strict: true), null);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException parse)
        {
            var column = parse.LineNumber == 1 ? Math.Max(1, parse.Column + 1 - prefixLength) : parse.Column + 1;
            return (null, new ScriptSyntaxError(parse.LineNumber, column, parse.Description));
        }
    }

    private static string Quote(string name) => "'" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}

/// <summary>A JavaScript syntax error: line within the script (1-based), column and description.</summary>
internal sealed record ScriptSyntaxError(int Line, int Column, string Description);
