using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Engine.State;
using Sparring.Engine.Templates;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Environments;

/// <summary>
/// Loads an environment from a folder (environment.yaml, .yml or .json) or a spec file, and validates all of it:
/// schema, references, scripts (parsed at load), every scenario's gold actions (replayed at load), and every instance
/// of its scenario templates (generated, then validated like a written scenario, then checked for split leakage).
/// A user's mistake raises <see cref="EnvironmentSpecException"/> listing each mistake by file, line and JSON path.
/// <paramref name="toolMemo"/> bounds each loaded environment's memo of tool outcomes (the defaults when null);
/// <paramref name="scenarioCache"/> keeps generated and validated instances between loads (one in memory when null).
/// </summary>
public sealed class EnvironmentLoader(ILogger<EnvironmentLoader>? logger = null, ToolMemoOptions? toolMemo = null, ScenarioCache? scenarioCache = null)
{
    private static readonly IReadOnlyList<string> SpecFileNames = ["environment.yaml", "environment.yml", "environment.json"];
    private readonly ILogger _logger = logger ?? NullLogger<EnvironmentLoader>.Instance;
    private readonly ToolMemoOptions _toolMemo = toolMemo ?? new ToolMemoOptions();
    private readonly ScenarioCache _scenarioCache = scenarioCache ?? new ScenarioCache();

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
    public Task<LoadedEnvironment> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        LoadAsync(path, _scenarioCache, cancellationToken);

    /// <summary>Loads and validates an environment, keeping its template instances in <paramref name="cache"/>.</summary>
    public async Task<LoadedEnvironment> LoadAsync(string path, ScenarioCache cache, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var specPath = ResolveSpecPath(path);
        var map = new SourceMap();
        var root = SpecDocument.Parse(specPath, specPath, map) as JsonObject
            ?? throw new EnvironmentSpecException([new SpecError(specPath, 1, 1, "$", "the spec must be a mapping (an object) at the top")]);

        var included = new List<SpecError>();
        var includes = new SpecIncludes(specPath, specPath, map, included);
        includes.Inline(root);
        var transcripts = includes.TranscriptFiles(root);
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
        var contentHash = CanonicalJson.Hash(root);
        var templates = TemplateLoadStats.None;
        if (spec.ScenarioTemplates.Count > 0 || spec.SplitKey is not null || spec.Scenarios.Any(s => s.Key is not null))
        {
            (spec, contentHash, templates) = await ExpandTemplatesAsync(spec, root, sandbox!, transcripts, contentHash, gold, cache, errors, cancellationToken).ConfigureAwait(false);
        }

        errors.ThrowIfAny();

        var loaded = new LoadedEnvironment(spec, specPath, contentHash, sandbox!, gold, templates: templates);
        _logger.LogInformation(
            "Loaded environment {Name} {Version} ({Tools} tools, {Scenarios} scenarios of which {Instances} from templates) from {Path}",
            spec.Name, spec.Version, spec.Tools.Count, spec.Scenarios.Count, templates.Instances, specPath);
        return loaded;
    }

    /// <summary>The path of a JSON reading error as a spec path ($.persona.patience).</summary>
    internal static SpecPath PathOf(JsonException ex) =>
        SpecPath.FromPointer((ex.Path ?? "$").TrimStart('$').Replace('.', '/').Replace("[", "/", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Replace("'", string.Empty, StringComparison.Ordinal));

    // Generates and validates the templates' instances, checks the splits for leakage, and returns the spec with the
    // instances after the written scenarios; the content hash takes in the transcripts' keys, which decide ctx.splitOf.
    private async Task<(EnvironmentSpec Spec, string ContentHash, TemplateLoadStats Templates)> ExpandTemplatesAsync(
        EnvironmentSpec spec,
        JsonObject root,
        ToolSandbox sandbox,
        IReadOnlyList<(string FullPath, string Display)> transcripts,
        string contentHash,
        Dictionary<string, string> gold,
        ScenarioCache cache,
        SpecErrorCollector errors,
        CancellationToken cancellationToken)
    {
        var transcriptErrors = new List<SpecError>();
        var transcriptKeys = spec.SplitKey is { } splitKey
            ? await TranscriptKeys.ReadAsync(transcripts, splitKey.Name, transcriptErrors, cancellationToken).ConfigureAwait(false)
            : [];
        errors.AddRange(transcriptErrors);

        var reserved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var owner in transcriptKeys)
        {
            reserved[owner.Value] = "train";
        }

        foreach (var scenario in spec.Scenarios.Where(s => s.Key is not null))
        {
            reserved.TryAdd(scenario.Key!, scenario.Split);
        }

        TemplateExpansionResult expansion;
        try
        {
            expansion = await TemplateExpansion.RunAsync(spec, root, sandbox, new SplitPartition(spec.SplitKey?.TestPercent ?? 20, reserved), cache, errors, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (await cache.SaveAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
            {
                _logger.LogWarning(failure, "The scenario cache could not be written to {Folder}", cache.Folder);
            }
        }

        if (spec.ScenarioTemplates.Count > 0)
        {
            _logger.LogInformation(
                "Made {Instances} instances of {Templates} scenario templates in {Seconds:0.0} s ({Generated} generated, {Validated} validated, the rest from the cache)",
                expansion.Stats.Instances, spec.ScenarioTemplates.Count, expansion.Stats.Elapsed.TotalSeconds, expansion.Stats.Generated, expansion.Stats.Validated);
        }

        var written = spec.Scenarios.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var templateIndex = spec.ScenarioTemplates.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        foreach (var instance in expansion.Scenarios.Where(s => written.Contains(s.Id)))
        {
            errors.Add(SpecPath.Root.Property("scenarioTemplates").Index(templateIndex[instance.Template!]), $"the instance id '{instance.Id}' is also the id of a scenario in scenarios; rename one");
        }

        SplitLeakage.Check(spec, expansion.Scenarios, transcriptKeys, errors);
        foreach (var (id, hash) in expansion.GoldStateHashes)
        {
            gold.TryAdd(id, hash);
        }

        if (transcriptKeys.Count > 0)
        {
            contentHash = CanonicalJson.Hash(new JsonArray([contentHash, "transcript-keys", .. transcriptKeys.Select(k => k.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(v => (JsonNode?)v)]));
        }

        return (spec with { Scenarios = [.. spec.Scenarios, .. expansion.Scenarios] }, contentHash, expansion.Stats);
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
            errors.Add(PathOf(ex), Explain(ex));
            errors.ThrowIfAny();
            throw;
        }
    }

    /// <summary>A JSON reading error in words: the schema admits any integer, the model holds int or long, so it says the range.</summary>
    internal static string Explain(JsonException ex)
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

    private static async Task<Dictionary<string, string>> ReplayGoldAsync(
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
