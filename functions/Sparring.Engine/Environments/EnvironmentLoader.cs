using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Engine.State;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Environments;

/// <summary>
/// Loads an environment from a folder (environment.yaml, .yml or .json) or a spec file, and validates all of it:
/// schema, references, scripts (parsed at load) and every scenario's gold actions (replayed at load).
/// A user's mistake raises <see cref="EnvironmentSpecException"/> listing each mistake by file, line and JSON path.
/// <paramref name="toolMemo"/> bounds each loaded environment's memo of tool outcomes (the defaults when null).
/// </summary>
public sealed class EnvironmentLoader(ILogger<EnvironmentLoader>? logger = null, ToolMemoOptions? toolMemo = null)
{
    private static readonly IReadOnlyList<string> SpecFileNames = ["environment.yaml", "environment.yml", "environment.json"];
    private readonly ILogger _logger = logger ?? NullLogger<EnvironmentLoader>.Instance;
    private readonly ToolMemoOptions _toolMemo = toolMemo ?? new ToolMemoOptions();

    /// <summary>Finds the spec file of an environment folder, or returns the path itself when it is a file.</summary>
    public static string ResolveSpecPath(string path)
    {
        if (File.Exists(path))
        {
            return path;
        }

        if (Directory.Exists(path))
        {
            foreach (var name in SpecFileNames)
            {
                var candidate = Path.Combine(path, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new EnvironmentSpecException([new SpecError(path, null, null, "$", $"the folder has no {string.Join(", ", SpecFileNames)}")]);
        }

        throw new EnvironmentSpecException([new SpecError(path, null, null, "$", "no such file or folder")]);
    }

    /// <summary>Loads and validates an environment.</summary>
    public async Task<LoadedEnvironment> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var specPath = ResolveSpecPath(path);
        var map = new SourceMap();
        var root = SpecDocument.Parse(specPath, specPath, map) as JsonObject
            ?? throw new EnvironmentSpecException([new SpecError(specPath, 1, 1, "$", "the spec must be a mapping (an object) at the top")]);

        var included = new List<SpecError>();
        new SpecIncludes(specPath, specPath, map, included).Inline(root);
        var errors = new SpecErrorCollector(root, map, specPath);
        errors.AddRange(included);
        errors.ThrowIfAny();

        foreach (var (schemaPath, message) in SpecSchema.Instance.Check(root))
        {
            errors.Add(schemaPath, message);
        }

        errors.ThrowIfAny();
        var spec = Deserialize(root, errors);
        SpecValidator.Check(spec, errors);
        var sandbox = Compile(spec, _toolMemo, errors);
        errors.ThrowIfAny();
        SetUpScripts(spec, sandbox!, errors, cancellationToken);
        errors.ThrowIfAny();

        var gold = await ReplayGoldAsync(spec, sandbox!, errors, cancellationToken).ConfigureAwait(false);
        errors.ThrowIfAny();

        var loaded = new LoadedEnvironment(spec, specPath, CanonicalJson.Hash(root), sandbox!, gold);
        _logger.LogInformation("Loaded environment {Name} {Version} ({Tools} tools, {Scenarios} scenarios) from {Path}", spec.Name, spec.Version, spec.Tools.Count, spec.Scenarios.Count, specPath);
        return loaded;
    }

    private static EnvironmentSpec Deserialize(JsonObject root, SpecErrorCollector errors)
    {
        try
        {
            return root.Deserialize(SpecJsonContext.Default.EnvironmentSpec)
                ?? throw new JsonException("the spec is empty");
        }
        catch (JsonException ex)
        {
            errors.Add(SpecPath.FromPointer((ex.Path ?? "$").TrimStart('$').Replace('.', '/').Replace("[", "/", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Replace("'", string.Empty, StringComparison.Ordinal)), Explain(ex));
            errors.ThrowIfAny();
            throw;
        }
    }

    // The schema admits any integer; the model holds int or long. Say the range rather than the .NET type.
    private static string Explain(JsonException ex)
    {
        var message = ex.Message.Split(" Path:")[0];
        return message switch
        {
            _ when message.Contains("System.Int32", StringComparison.Ordinal) => $"must be a whole number from {int.MinValue} to {int.MaxValue}",
            _ when message.Contains("System.Int64", StringComparison.Ordinal) => $"must be a whole number from {long.MinValue} to {long.MaxValue}",
            _ => $"cannot be read: {message}",
        };
    }

    // Runs the library and sets up every tool's script once, as each episode will, so a failure there is the author's.
    private static void SetUpScripts(EnvironmentSpec spec, ToolSandbox sandbox, SpecErrorCollector errors, CancellationToken cancellationToken)
    {
        try
        {
            sandbox.SetUp(cancellationToken);
        }
        catch (SandboxViolationException ex) when (ex.InLibrary)
        {
            var path = SpecPath.Root.Property("library");
            if (ex.InnerException is Jint.Runtime.JavaScriptException { Location.Start.Line: > 0 } js)
            {
                errors.AddInScript(path, js.Location.Start.Line, js.Location.Start.Column + 1, ex.Message);
            }
            else
            {
                errors.Add(path, ex.Message);
            }
        }
        catch (SandboxViolationException ex)
        {
            var index = spec.Tools.ToList().FindIndex(t => t.Name == ex.ToolName);
            errors.Add(SpecPath.Root.Property("tools").Index(Math.Max(0, index)).Property("script"), ex.Message);
        }
    }

    private static ToolSandbox? Compile(EnvironmentSpec spec, ToolMemoOptions memo, SpecErrorCollector errors)
    {
        Jint.Prepared<Acornima.Ast.Script>? library = null;
        var libraryPath = SpecPath.Root.Property("library");
        if (spec.Library is { } librarySource)
        {
            var (prepared, error) = ScriptCompiler.PrepareLibrary(librarySource);
            if (error is not null)
            {
                errors.AddInScript(libraryPath, error.Line, error.Column, $"JavaScript syntax error in the library: {error.Description}");
            }

            library = prepared;
        }

        var tools = new Dictionary<string, CompiledTool>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Tools.Count; i++)
        {
            var tool = spec.Tools[i];
            var path = SpecPath.Root.Property("tools").Index(i);
            var schema = ToolParameters.Compile(tool, path, errors);
            Jint.Prepared<Acornima.Ast.Script>? script = null;
            var (file, line) = errors.ScriptOrigin(path.Property("script"));
            if (tool.Script is { } source)
            {
                var (prepared, error) = ScriptCompiler.PrepareTool(tool.Name, source);
                if (error is not null)
                {
                    errors.AddInScript(path.Property("script"), error.Line, error.Column, $"JavaScript syntax error in tool '{tool.Name}': {error.Description}");
                }

                script = prepared;
            }

            if (schema is not null)
            {
                tools.TryAdd(tool.Name, new CompiledTool(tool, script, schema, line, file));
            }
        }

        if (errors.Any)
        {
            return null;
        }

        var offered = (spec.Agent.Tools ?? spec.Tools.Select(t => t.Name).ToList()).ToHashSet(StringComparer.Ordinal);
        return new ToolSandbox(tools, library, errors.ScriptOrigin(libraryPath), spec.State.ToJsonString(), spec.Clock.Now, spec.Limits.Sandbox, offered, memo);
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReplayGoldAsync(
        EnvironmentSpec spec, ToolSandbox sandbox, SpecErrorCollector errors, CancellationToken cancellationToken)
    {
        // Each replay has its own session, so they run on every core: big states make loading replay-bound.
        var replays = new GoldReplayResult?[spec.Scenarios.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, spec.Scenarios.Count).Where(i => spec.Scenarios[i].Expected.Actions.Count > 0),
            new ParallelOptions { CancellationToken = cancellationToken },
            async (i, token) => replays[i] = await GoldReplay.RunAsync(sandbox, spec.Scenarios[i].Expected.Actions, withStateJson: false, token).ConfigureAwait(false)).ConfigureAwait(false);

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? initialHash = null;
        for (var i = 0; i < spec.Scenarios.Count; i++)
        {
            var scenario = spec.Scenarios[i];
            if (replays[i] is not { } replay)
            {
                initialHash ??= CanonicalJson.Hash(sandbox.InitialStateJson);
                hashes[scenario.Id] = initialHash;
            }
            else if (replay.Failure is { } failure)
            {
                var at = SpecPath.Root.Property("scenarios").Index(i).Property("expected").Property("actions").Index(failure.ActionIndex);
                errors.Add(at, $"gold action {failure.ActionIndex + 1} ('{scenario.Expected.Actions[failure.ActionIndex].Name}') of scenario '{scenario.Id}' fails when replayed: {failure.Message}");
            }
            else
            {
                hashes[scenario.Id] = replay.StateHash!;
            }
        }

        return hashes;
    }
}
