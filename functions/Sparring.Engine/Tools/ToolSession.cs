using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Json.Schema;
using Sparring.Engine.State;

namespace Sparring.Engine.Tools;

/// <summary>
/// One episode's tools and state: a JavaScript engine with no CLR access, the state as a JavaScript object,
/// and per-call limits. Not thread-safe: an episode calls its tools one at a time.
/// </summary>
public sealed class ToolSession : IDisposable
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
    private readonly DeterministicRandom? _faults;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationToken _cancellationToken;
    private DeterministicRandom _callRandom = new(0);
    private string? _lastTool;

    internal ToolSession(ToolSandbox sandbox, ulong? faultSeed, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _sandbox = sandbox;
        _timeProvider = timeProvider;
        _cancellationToken = cancellationToken;
        _faults = faultSeed is { } seed ? new DeterministicRandom(seed) : null;
        var limits = sandbox.Limits;
        _engine = new Jint.Engine(options =>
        {
            options.Strict = true;
            options.TimeSystem = new FrozenTimeSystem(sandbox.Now);
            options.TimeZone = TimeZoneInfo.Utc;
            options.Culture = CultureInfo.InvariantCulture;
            options.Host.StringCompilationAllowed = false;
            options.TimeoutInterval(TimeSpan.FromMilliseconds(limits.TimeoutMs));
            options.MaxStatements(limits.MaxStatements);
            options.LimitMemory(limits.MaxMemoryBytes);
            options.LimitRecursion(limits.MaxRecursion);
            options.CancellationToken(cancellationToken);
        });
        _engine.SetValue("__sparringNow", sandbox.Now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        _engine.SetValue("__sparringRandom", new Func<double>(() => _callRandom.NextDouble()));
        _engine.SetValue("__sparringNewId", new Func<string, string>(prefix => prefix + _callRandom.NextUInt64().ToString("X16", CultureInfo.InvariantCulture)[..10]));
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
    /// Runs a tool call. Business errors (a thrown Error, invalid arguments, injected faults) come back as an
    /// "Error: …" result for the agent; a broken sandbox throws <see cref="SandboxViolationException"/>.
    /// </summary>
    /// <param name="name">Tool name.</param>
    /// <param name="argumentsJson">Arguments as JSON text.</param>
    /// <param name="offeredOnly">Whether only tools offered to the agent may run (false for gold replays).</param>
    /// <param name="cancellationToken">Cancels an injected delay.</param>
    public async ValueTask<ToolOutcome> InvokeAsync(string name, string argumentsJson, bool offeredOnly, CancellationToken cancellationToken)
    {
        if (!_sandbox.Tools.TryGetValue(name, out var tool) || (offeredOnly && !_sandbox.OfferedTools.Contains(name)))
        {
            return ToolOutcome.Failure($"unknown tool '{name}'", valid: false);
        }

        JsonElement arguments;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson);
            arguments = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return ToolOutcome.Failure($"the arguments of '{name}' are not valid JSON", valid: false);
        }

        var validation = tool.ArgumentSchema.Evaluate(arguments, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (!validation.IsValid)
        {
            return ToolOutcome.Failure($"invalid arguments for '{name}': {ArgumentErrors.Describe(validation)}", valid: false);
        }

        if (tool.Spec.Faults is { } faults && _faults is not null)
        {
            if (faults.LatencyMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(faults.LatencyMs), _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (faults.ErrorRate > 0 && _faults.NextDouble() < faults.ErrorRate)
            {
                return ToolOutcome.Failure(faults.ErrorMessage, valid: true, faultInjected: true);
            }
        }

        var canonicalArguments = CanonicalJson.Serialize(arguments);
        if (tool.Spec.Responses is { } responses)
        {
            return CannedResponses.Answer(name, responses, arguments);
        }

        return Run(name, tool, canonicalArguments);
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

    /// <summary>SHA-256 of the canonical JSON of the current state.</summary>
    public string StateHash() => CanonicalJson.Hash(StateJson());

    /// <summary>The current state as a JSON node.</summary>
    public JsonNode? StateNode() => JsonNode.Parse(StateJson());

    /// <inheritdoc />
    public void Dispose() => _engine.Dispose();

    private ToolOutcome Run(string name, CompiledTool tool, string canonicalArguments)
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

    private string? Describe(Exception ex, CompiledTool? tool)
    {
        var limits = _sandbox.Limits;
        return ex switch
        {
            StatementsCountOverflowException => $"exceeded its statement limit ({limits.MaxStatements:N0} statements per call)",
            TimeoutException => $"exceeded its time limit ({limits.TimeoutMs:N0} ms per call)",
            MemoryLimitExceededException => $"exceeded its memory limit ({limits.MaxMemoryBytes:N0} bytes per call)",
            RecursionDepthOverflowException => $"exceeded its recursion limit (depth {limits.MaxRecursion})",
            JavaScriptException js when js.Message.Contains("String compilation has been disabled", StringComparison.Ordinal) =>
                $"tried to run code from a string (eval or new Function), which tools may not do ({Where(js, tool)})",
            JavaScriptException js when js.Error.IsObject() && js.Error.AsObject().Get("name").ToString() == "ReferenceError" =>
                $"failed: {js.Error} ({Where(js, tool)}); tools see only args, state, ctx and standard JavaScript: no .NET, no require, no network",
            JavaScriptException js => $"failed: {js.Error} ({Where(js, tool)})",
            ExecutionCanceledException => "was cancelled",
            JintException => $"failed: {ex.Message}",
            _ => null,
        };
    }

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
