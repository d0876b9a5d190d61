using Jint;
using Json.Schema;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Tools;

/// <summary>A tool ready to run: its spec, its parsed script (or canned responses) and its compiled argument schema.</summary>
internal sealed record CompiledTool(ToolSpec Spec, Prepared<Acornima.Ast.Script>? Script, JsonSchema ArgumentSchema, int ScriptFirstLine, string ScriptFile);
