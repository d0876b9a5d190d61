using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace Sparring.Engine.Tools;

/// <summary>
/// A JavaScript engine with no CLR access, the library and tool scripts set up, and its own copy of the state as a
/// JavaScript object: where a <see cref="ToolSession"/> runs the calls its sandbox's memo cannot answer. Not thread-safe.
/// </summary>
internal sealed class ToolEngine : IDisposable
{
    private const string SetupScript = """
        var __sparringTools = {};
        Math.random = function () { return __sparringRandom(); };
        var __sparringCtx = Object.freeze({
          now: __sparringNow,
          random: function () { return __sparringRandom(); },
          newId: function (prefix) { return __sparringNewId(prefix === undefined ? '' : String(prefix)); }
        });
        """;

    private readonly ToolSandbox _sandbox;
    private readonly Jint.Engine _engine;
    private readonly JsValue _state;
    private readonly JsValue _context;
    private readonly Dictionary<string, JsValue> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private readonly CancellationToken _cancellationToken;
    private DeterministicRandom _callRandom = new(0);
    private string? _lastTool;

    /// <summary>Sets up the engine on a fresh copy of the initial state.</summary>
    /// <exception cref="SandboxViolationException">The library or a tool's script broke the sandbox as it was set up.</exception>
    public ToolEngine(ToolSandbox sandbox, CancellationToken cancellationToken)
    {
        _sandbox = sandbox;
        _cancellationToken = cancellationToken;
        _engine = SandboxedJint.Create(sandbox, () => _callRandom, cancellationToken);
        _engine.Execute(SetupScript);
        if (sandbox.Library is { } library)
        {
            RunGuarded(null, null, () => _engine.Execute(library));
        }

        var registry = _engine.GetValue("__sparringTools").AsObject();
        foreach (var (name, tool) in sandbox.Tools)
        {
            if (tool.Script is { } script)
            {
                RunGuarded(name, tool, () => _engine.Execute(script));
                var function = registry.Get(name);
                if (function is not Jint.Native.Function.Function)
                {
                    throw new SandboxViolationException(name, $"has a script that is not a function (it gives {Kind(function)}); write it as (args, state, ctx) => {{ … }}");
                }

                _functions[name] = function;
            }
        }

        _context = _engine.GetValue("__sparringCtx");
        _state = new JsonParser(_engine).Parse(sandbox.InitialStateJson);
        _engine.Constraints.Reset();
    }

    /// <summary>
    /// Runs a scripted tool on the state. A thrown Error is a business error, returned as a failed outcome; anything
    /// else that breaks the sandbox throws <see cref="SandboxViolationException"/>.
    /// </summary>
    public ToolOutcome Run(string name, CompiledTool tool, string canonicalArguments)
    {
        // Seeded by what was called, not by when: the same actions give the same state whatever reads came between.
        var key = $"{name}\n{canonicalArguments}";
        var occurrence = _occurrences.TryGetValue(key, out var seen) ? seen : 0;
        _occurrences[key] = occurrence + 1;
        _callRandom = new DeterministicRandom(DeterministicRandom.SeedFrom($"{key}\n{occurrence}"));
        _lastTool = name;

        var args = new JsonParser(_engine).Parse(canonicalArguments);
        _engine.Constraints.Reset();
        try
        {
            var result = _engine.Invoke(_functions[name], args, _state, _context);
            return new ToolOutcome(Render(result), Valid: true);
        }
        catch (JavaScriptException ex) when (IsBusinessError(ex))
        {
            return ToolOutcome.Failure(ex.Message, valid: true);
        }
        catch (Exception ex) when (Describe(ex, tool) is { } reason)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            throw new SandboxViolationException(name, reason, ex);
        }
    }

    /// <summary>The current state as JSON text.</summary>
    /// <exception cref="SandboxViolationException">A tool left something JSON cannot hold in the state (a cycle, a BigInt).</exception>
    public string StateJson()
    {
        _engine.Constraints.Reset();
        try
        {
            return new Jint.Native.Json.JsonSerializer(_engine).Serialize(_state).ToString();
        }
        catch (Exception ex) when (Describe(ex, null) is { } reason)
        {
            var cause = ex is JavaScriptException js ? js.Error.ToString() : reason;
            throw new SandboxViolationException(_lastTool ?? "(none)", $"left a state that cannot be written as JSON: {cause}", ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _engine.Dispose();

    // Sets up the library (name null) or a tool's script.
    private void RunGuarded(string? name, CompiledTool? tool, Action action)
    {
        _engine.Constraints.Reset();
        try
        {
            action();
        }
        catch (Exception ex) when (Describe(ex, tool) is { } reason)
        {
            throw name is null ? SandboxViolationException.ForLibrary(reason, ex) : new SandboxViolationException(name, reason, ex);
        }
    }

    // A plain Error (or a thrown string) is the tool saying no to the agent, as τ-bench tools raise ValueError.
    // TypeError, ReferenceError and friends are defects of the script, or attempts to reach outside the sandbox.
    private static bool IsBusinessError(JavaScriptException ex)
    {
        if (ex.Error.IsString())
        {
            return true;
        }

        return ex.Error.IsObject() && ex.Error.AsObject().Get("name").ToString() == "Error";
    }

    private string? Describe(Exception ex, CompiledTool? tool) => DescribeLimit(ex, _sandbox.Limits) ?? ex switch
    {
        JavaScriptException js when js.Message.Contains("String compilation has been disabled", StringComparison.Ordinal) =>
            $"tried to run code from a string (eval or new Function), which tools may not do ({Where(js, tool)})",
        JavaScriptException js when js.Error.IsObject() && js.Error.AsObject().Get("name").ToString() == "ReferenceError" =>
            $"failed: {js.Error} ({Where(js, tool)}); tools see only args, state, ctx and standard JavaScript: no .NET, no require, no network",
        JavaScriptException js => $"failed: {js.Error} ({Where(js, tool)})",
        ExecutionCanceledException => "was cancelled",
        JintException => $"failed: {ex.Message}",
        _ => null,
    };

    /// <summary>The words for a broken limit ("exceeded its statement limit (…)"), or null when <paramref name="ex"/> is not one.</summary>
    internal static string? DescribeLimit(Exception ex, Environments.SandboxLimitsSpec limits) => ex switch
    {
        StatementsCountOverflowException => $"exceeded its statement limit ({limits.MaxStatements:N0} statements per call)",
        TimeoutException => $"exceeded its time limit ({limits.TimeoutMs:N0} ms per call)",
        MemoryLimitExceededException => $"exceeded its memory limit ({limits.MaxMemoryBytes:N0} bytes per call)",
        RecursionDepthOverflowException => $"exceeded its recursion limit (depth {limits.MaxRecursion})",
        _ => null,
    };

    // Runtime errors carry the source name given at parse: the library's or a tool's. Line 0 means no position.
    private string Where(JavaScriptException ex, CompiledTool? tool)
    {
        var line = ex.Location.Start.Line;
        var (file, first) = ex.Location.SourceFile == ScriptCompiler.LibrarySource || tool is null
            ? _sandbox.LibraryOrigin
            : (tool.ScriptFile, tool.ScriptFirstLine);
        return line > 0 ? $"{file} line {first + line - 1}" : file;
    }

    private static string Kind(JsValue value) => value.Type switch
    {
        Types.Undefined => "undefined",
        Types.Null => "null",
        Types.String => "a string",
        Types.Number => "a number",
        Types.Boolean => "a boolean",
        _ => "an object",
    };

    private string Render(JsValue result)
    {
        if (result.IsString())
        {
            return result.AsString();
        }

        if (result.IsUndefined() || result.IsNull())
        {
            return "null";
        }

        var json = new Jint.Native.Json.JsonSerializer(_engine).Serialize(result);
        return json.IsUndefined() ? "null" : json.ToString();
    }
}
