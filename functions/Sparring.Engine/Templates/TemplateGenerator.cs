using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Sparring.Engine.Environments;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Templates;

/// <summary>
/// Runs a scenario template's generator in the tools' sandbox (no CLR access, strict mode, the same per-call limits)
/// with the library set up, the initial state frozen (generators read it; a change throws a TypeError), and a
/// <c>ctx</c> seeded by (template, split, index). Instances run in chunks of <see cref="ChunkSize"/> consecutive
/// indexes of one split, in order, on one engine: parsing the state once per chunk rather than once per instance is
/// most of the cost saved, and since a chunk's instances always run in the same order on an engine of their own,
/// whatever a generator keeps between calls cannot make an instance depend on the cores, the scheduling or the
/// other split. Thread-safe: each chunk sets up its own engine.
/// </summary>
internal sealed class TemplateGenerator(ToolSandbox sandbox, ScenarioTemplateSpec template, Prepared<Acornima.Ast.Script> script, SplitPartition partition)
{
    /// <summary>Instances a chunk holds: enough to amortize parsing the state, few enough to spread over the cores.</summary>
    public const int ChunkSize = 32;

    private const string SetupScript = """
        Math.random = function () { return __sparringRandom(); };
        var __sparringCtx = Object.freeze({
          now: __sparringNow,
          random: function () { return __sparringRandom(); },
          newId: function (prefix) { return __sparringNewId(prefix === undefined ? '' : String(prefix)); },
          splitOf: function (value) { return __sparringSplitOf(String(value)); }
        });
        """;

    /// <summary>The template.</summary>
    public ScenarioTemplateSpec Template => template;

    /// <summary>The seed of an instance: what <c>ctx.random</c> starts from, and (53 bits of it) <c>request.seed</c>.</summary>
    public static ulong SeedOf(string template, string split, int index) =>
        DeterministicRandom.SeedFrom(string.Create(CultureInfo.InvariantCulture, $"template/{template}/{split}/{index}"));

    /// <summary>
    /// Runs <c>generate(state, request, ctx)</c> for instances <paramref name="first"/> to <paramref name="first"/> +
    /// <paramref name="count"/> − 1 of <paramref name="split"/>, in order, and returns what each returned, as JSON.
    /// After an instance breaks the sandbox the rest run on a fresh engine (<see cref="GeneratorOutcome.Reset"/>);
    /// each failure is added to <paramref name="failures"/>, and once it is exhausted the rest are skipped.
    /// </summary>
    public IReadOnlyList<GeneratorOutcome> Run(string split, int first, int count, FailureCount failures, CancellationToken cancellationToken)
    {
        var outcomes = new List<GeneratorOutcome>(count);
        ChunkEngine? engine = null;
        try
        {
            for (var index = first; index < first + count; index++)
            {
                if (failures.Exhausted)
                {
                    outcomes.Add(GeneratorOutcome.Skipped);
                    continue;
                }

                if (engine is null)
                {
                    engine = new ChunkEngine(sandbox, partition, cancellationToken);
                    if (Catch(() => engine.SetUp(script)) is { } broken)
                    {
                        // Every instance of the chunk would fail alike: one says it, the rest are skipped.
                        failures.Add();
                        outcomes.Add(broken);
                        outcomes.AddRange(Enumerable.Repeat(GeneratorOutcome.Skipped, first + count - index - 1));
                        break;
                    }
                }

                var seed = SeedOf(template.Name, split, index);
                var request = System.Text.Json.JsonSerializer.Serialize(new GeneratorRequest(template.Name, split, index, (long)(seed >> 11)), TemplatesJsonContext.Default.GeneratorRequest);
                string? json = null;
                var failure = Catch(() => json = engine.Generate(seed, request));
                if (failure is not null)
                {
                    // What broke the sandbox may have left the engine half-way: the rest of the chunk starts afresh.
                    failures.Add();
                    outcomes.Add(failure with { Reset = true });
                    engine.Dispose();
                    engine = null;
                    continue;
                }

                if (json is null)
                {
                    failures.Add();
                    outcomes.Add(GeneratorOutcome.Failed(ChunkEngine.ReturnedNothing));
                    continue;
                }

                outcomes.Add(new GeneratorOutcome(json, null, null, null));
            }
        }
        finally
        {
            engine?.Dispose();
        }

        return outcomes;

        GeneratorOutcome? Catch(Action action)
        {
            try
            {
                action();
                return null;
            }
            catch (GeneratorException ex)
            {
                return GeneratorOutcome.Failed(ex.Message);
            }
            catch (Exception ex) when (Describe(ex) is { } outcome)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return outcome;
            }
        }
    }

    private GeneratorOutcome? Describe(Exception ex)
    {
        if (ToolEngine.DescribeLimit(ex, sandbox.Limits) is { } limit)
        {
            return GeneratorOutcome.Failed(limit);
        }

        switch (ex)
        {
            case JavaScriptException js when js.Message.Contains("String compilation has been disabled", StringComparison.Ordinal):
                return At(js, "tried to run code from a string (eval or new Function), which generators may not do");
            case JavaScriptException js when js.Error.IsObject() && js.Error.AsObject().Get("name").ToString() == "ReferenceError":
                return At(js, $"failed: {js.Error}; generators see only state, request, ctx, the library and standard JavaScript: no .NET, no require, no network");
            case JavaScriptException js when js.Error.IsObject() && js.Error.AsObject().Get("name").ToString() == "TypeError" && js.Error.ToString().Contains("read only", StringComparison.OrdinalIgnoreCase):
                return At(js, $"failed: {js.Error}; the state is read-only in a generator (copy what you change)");
            case JavaScriptException js:
                return At(js, $"failed: {js.Error}");
            case ExecutionCanceledException:
                return GeneratorOutcome.Failed("was cancelled");
            case JintException:
                return GeneratorOutcome.Failed($"failed: {ex.Message}");
            default:
                return null;
        }
    }

    // An error in the generator is placed at its line; one in the library names the library's file and line.
    private GeneratorOutcome At(JavaScriptException ex, string message)
    {
        var line = ex.Location.Start.Line;
        if (ex.Location.SourceFile == ScriptCompiler.LibrarySource)
        {
            var (file, first) = sandbox.LibraryOrigin;
            return GeneratorOutcome.Failed(line > 0 ? $"{message} ({file} line {first + line - 1})" : message);
        }

        return line > 0
            ? new GeneratorOutcome(null, message, line, ex.Location.Start.Column + 1)
            : GeneratorOutcome.Failed(message);
    }

    /// <summary>One chunk's engine: the ctx, the library, the generator and the frozen state set up once.</summary>
    private sealed class ChunkEngine : IDisposable
    {
        public const string ReturnedNothing = "returned nothing; return { key, scenario }";

        private readonly ToolSandbox _sandbox;
        private readonly Jint.Engine _engine;
        private DeterministicRandom _random = new(0);
        private JsValue _generate = JsValue.Undefined;
        private JsValue _state = JsValue.Undefined;
        private JsValue _context = JsValue.Undefined;

        public ChunkEngine(ToolSandbox sandbox, SplitPartition partition, CancellationToken cancellationToken)
        {
            _sandbox = sandbox;
            _engine = SandboxedJint.Create(sandbox, () => _random, cancellationToken);
            _engine.SetValue("__sparringSplitOf", new Func<string, string>(partition.SplitOf));
        }

        /// <exception cref="GeneratorException">The script defines no generate function.</exception>
        public void SetUp(Prepared<Acornima.Ast.Script> script)
        {
            _engine.Execute(SetupScript);
            _context = _engine.GetValue("__sparringCtx");
            if (_sandbox.Library is { } library)
            {
                _engine.Constraints.Reset();
                _engine.Execute(library);
            }

            _engine.Constraints.Reset();
            _engine.Execute(script);
            _generate = _engine.GetValue("generate");
            if (_generate is not Jint.Native.Function.Function)
            {
                throw new GeneratorException("does not define function generate(state, request, ctx)");
            }

            _state = new JsonParser(_engine).Parse(_sandbox.InitialStateJson);
            Freeze(_engine.GetValue("Object").AsObject().Get("freeze"), _state);
        }

        /// <summary>The generator's answer as JSON text; null when it returned nothing.</summary>
        /// <exception cref="GeneratorException">The answer cannot be written as JSON.</exception>
        public string? Generate(ulong seed, string request)
        {
            _random = new DeterministicRandom(seed);
            var arguments = new JsonParser(_engine).Parse(request);
            _engine.Constraints.Reset();
            var result = _engine.Invoke(_generate, _state, arguments, _context);
            if (result.IsUndefined() || result.IsNull())
            {
                return null;
            }

            var json = new Jint.Native.Json.JsonSerializer(_engine).Serialize(result);
            return json.IsUndefined()
                ? throw new GeneratorException("returned something JSON cannot hold (a function?); return { key, scenario }")
                : json.ToString();
        }

        public void Dispose() => _engine.Dispose();

        // Walked from .NET, so freezing a big state spends none of the generator's statement budget.
        private void Freeze(JsValue freeze, JsValue value)
        {
            if (value is not Jint.Native.Object.ObjectInstance target)
            {
                return;
            }

            foreach (var key in target.GetOwnPropertyKeys(Types.String))
            {
                Freeze(freeze, target.Get(key));
            }

            _engine.Invoke(freeze, JsValue.Undefined, [value]);
        }
    }

    /// <summary>A generator that ran but did not keep the contract.</summary>
    private sealed class GeneratorException(string message) : Exception(message);
}

/// <summary>
/// What a generator returned as JSON text, or why it failed (and where in its script, when known); <see cref="Reset"/>
/// when the failure made the rest of its chunk run on a fresh engine; neither for an instance skipped after too many
/// failures.
/// </summary>
internal sealed record GeneratorOutcome(string? Json, string? Error, int? ScriptLine, int? ScriptColumn)
{
    public static GeneratorOutcome Skipped { get; } = new(null, null, null, null);

    public bool Reset { get; init; }

    public static GeneratorOutcome Failed(string error) => new(null, error, null, null);
}

/// <summary>The request a generator gets: which instance to make.</summary>
/// <param name="Template">The template's name.</param>
/// <param name="Split">train or test.</param>
/// <param name="Index">The instance's number within its split, from 0.</param>
/// <param name="Seed">A seed of the instance (53 bits, exact in JavaScript), for generators that draw their own randomness.</param>
internal sealed record GeneratorRequest(string Template, string Split, int Index, long Seed);
