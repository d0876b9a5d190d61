using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sparring.Engine.Environments;
using Sparring.Engine.State;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Templates;

/// <summary>
/// Makes every instance of an environment's scenario templates and validates each exactly as a scenario written by
/// hand (the schema, the checks a schema cannot make, the gold replay), on every core. Generator outputs and valid
/// instances are kept in the <see cref="ScenarioCache"/> by content hash, so a second load runs neither. Mistakes are
/// reported at the template, each naming its instance; after <see cref="MaxFailuresPerTemplate"/> failing instances a
/// template's remaining ones are not made (a broken generator would otherwise fail thousands of times, slowly).
/// </summary>
internal sealed class TemplateExpansion
{
    /// <summary>Failing instances reported per template before its other instances are skipped.</summary>
    public const int MaxFailuresPerTemplate = 5;

    private static readonly string[] Splits = ["train", "test"];

    private readonly EnvironmentSpec _spec;
    private readonly ToolSandbox _sandbox;
    private readonly ScenarioCache _cache;
    private readonly List<TemplateGenerator> _generators;
    private readonly IReadOnlyList<string> _generationContexts;
    private readonly string _validationContext;
    private readonly string _initialStateHash;
    private readonly FailureCount[] _failures;
    private int _generated;
    private int _validated;

    private TemplateExpansion(EnvironmentSpec spec, ToolSandbox sandbox, ScenarioCache cache, List<TemplateGenerator> generators, JsonObject root, SplitPartition partition)
    {
        _spec = spec;
        _sandbox = sandbox;
        _cache = cache;
        _generators = generators;
        _initialStateHash = CanonicalJson.Hash(sandbox.InitialStateJson);
        _failures = [.. generators.Select(_ => new FailureCount(MaxFailuresPerTemplate))];

        // What every script here runs on: the state, the library, the clock and the limits.
        var sandboxInputs = CanonicalJson.Hash(new JsonArray(
            _initialStateHash,
            spec.Library ?? string.Empty,
            spec.Clock.Now.ToString("O", CultureInfo.InvariantCulture),
            JsonSerializer.SerializeToNode(spec.Limits.Sandbox, SpecJsonContext.Default.SandboxLimitsSpec)));

        // A generator's output depends on those, ctx.splitOf's answers and its own script.
        _generationContexts = [.. generators.Select(g => CanonicalJson.Hash(new JsonArray("generate", sandboxInputs, partition.Fingerprint, g.Template.Name, g.Template.Generator)))];

        // An instance's checks depend on those, the tools and the agent, besides the instance itself.
        _validationContext = CanonicalJson.Hash(new JsonArray("validate", sandboxInputs, root["tools"]?.DeepClone(), root["agent"]?.DeepClone(), spec.SplitKey?.Name));
    }

    /// <summary>Makes and validates the instances; adds every mistake to <paramref name="errors"/>.</summary>
    public static async Task<TemplateExpansionResult> RunAsync(
        EnvironmentSpec spec, JsonObject root, ToolSandbox sandbox, SplitPartition partition, ScenarioCache cache, SpecErrorCollector errors, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var generators = Compile(spec, sandbox, partition, errors);
        if (generators is null)
        {
            return new TemplateExpansionResult([], new Dictionary<string, string>(StringComparer.Ordinal), TemplateLoadStats.None);
        }

        await cache.OpenAsync(cancellationToken).ConfigureAwait(false);
        var expansion = new TemplateExpansion(spec, sandbox, cache, generators, root, partition);
        var work = new List<(int Template, string Split, int Index)>();
        var chunks = new List<(int Template, string Split, int First, int Count, int Position)>();
        for (var t = 0; t < spec.ScenarioTemplates.Count; t++)
        {
            var counts = spec.ScenarioTemplates[t].Instances;
            foreach (var (split, count) in new[] { (Splits[0], counts.Train), (Splits[1], counts.Test) })
            {
                for (var first = 0; first < count; first += TemplateGenerator.ChunkSize)
                {
                    chunks.Add((t, split, first, Math.Min(TemplateGenerator.ChunkSize, count - first), work.Count));
                    work.AddRange(Enumerable.Range(first, Math.Min(TemplateGenerator.ChunkSize, count - first)).Select(i => (t, split, i)));
                }
            }
        }

        var results = new InstanceResult[work.Count];
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (chunk, token) =>
            {
                var made = await expansion.ExpandAsync(chunk.Template, chunk.Split, chunk.First, chunk.Count, token).ConfigureAwait(false);
                made.CopyTo(results, chunk.Position);
            }).ConfigureAwait(false);

        var scenarios = new List<ScenarioSpec>(work.Count);
        var gold = new Dictionary<string, string>(StringComparer.Ordinal);
        var reported = new int[generators.Count];
        var unreported = new int[generators.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var (t, split, index) = work[i];
            var result = results[i];
            if (result.Skipped || (result.Problems.Count > 0 && reported[t] == MaxFailuresPerTemplate))
            {
                unreported[t]++;
            }
            else if (result.Problems.Count > 0)
            {
                reported[t]++;
                Report(spec.ScenarioTemplates[t], t, split, index, result, errors);
            }
            else
            {
                scenarios.Add(result.Scenario!);
                gold[result.Id] = result.GoldHash!;
            }
        }

        for (var t = 0; t < unreported.Length; t++)
        {
            if (unreported[t] > 0)
            {
                errors.Add(TemplatePath(t), $"template '{spec.ScenarioTemplates[t].Name}': {unreported[t]:N0} more instances failed or were not made; only the first {MaxFailuresPerTemplate} failures are listed");
            }
        }

        return new TemplateExpansionResult(scenarios, gold, new TemplateLoadStats(work.Count, expansion._generated, expansion._validated, clock.Elapsed));
    }

    private static SpecPath TemplatePath(int template) => SpecPath.Root.Property("scenarioTemplates").Index(template);

    private static List<TemplateGenerator>? Compile(EnvironmentSpec spec, ToolSandbox sandbox, SplitPartition partition, SpecErrorCollector errors)
    {
        var generators = new List<TemplateGenerator>();
        for (var t = 0; t < spec.ScenarioTemplates.Count; t++)
        {
            var template = spec.ScenarioTemplates[t];
            var (script, error) = ScriptCompiler.PrepareGenerator(template.Name, template.Generator);
            if (error is not null)
            {
                errors.AddInScript(TemplatePath(t).Property("generator"), error.Line, error.Column, $"JavaScript syntax error in the generator of template '{template.Name}': {error.Description}");
                continue;
            }

            generators.Add(new TemplateGenerator(sandbox, template, script!.Value, partition));
        }

        return generators.Count == spec.ScenarioTemplates.Count ? generators : null;
    }

    private static void Report(ScenarioTemplateSpec template, int t, string split, int index, InstanceResult result, SpecErrorCollector errors)
    {
        var generator = TemplatePath(t).Property("generator");
        foreach (var problem in result.Problems)
        {
            switch (problem)
            {
                case { Path: null, ScriptLine: { } line }:
                    errors.AddInScript(generator, line, problem.ScriptColumn ?? 1, $"template '{template.Name}', {split} instance {index} ('{result.Id}'): the generator {problem.Message}");
                    break;
                case { Path: null }:
                    errors.Add(generator, $"template '{template.Name}', {split} instance {index} ('{result.Id}'): the generator {problem.Message}");
                    break;
                default:
                    errors.Add(TemplatePath(t), $"instance '{result.Id}': {problem.Path}: {problem.Message}");
                    break;
            }
        }
    }

    // One chunk: its generator outputs from the cache when it has them all, else from running the chunk, then each
    // instance validated (or known valid from the cache).
    private async Task<InstanceResult[]> ExpandAsync(int t, string split, int first, int count, CancellationToken cancellationToken)
    {
        var generator = _generators[t];
        var template = generator.Template;
        var results = new InstanceResult[count];
        if (_failures[t].Exhausted)
        {
            for (var k = 0; k < count; k++)
            {
                results[k] = InstanceResult.Skip(template.InstanceId(split, first + k));
            }

            return results;
        }

        var keys = Enumerable.Range(first, count).Select(index => CanonicalJson.Sha256(string.Create(CultureInfo.InvariantCulture, $"{_generationContexts[t]}\n{split}\n{index}"))).ToArray();
        var answers = new GeneratorOutcome[count];
        var cached = 0;
        for (var k = 0; k < count && _cache.TryGet(keys[k], out var json); k++)
        {
            answers[k] = new GeneratorOutcome(json, null, null, null);
            cached++;
        }

        if (cached < count)
        {
            // A chunk runs whole: an instance's output may depend on the ones before it on the same engine.
            var outcomes = generator.Run(split, first, count, _failures[t], cancellationToken);
            Interlocked.Add(ref _generated, outcomes.Count(o => o.Json is not null || o.Error is not null));
            var fresh = true;
            for (var k = 0; k < count; k++)
            {
                answers[k] = outcomes[k];
                if (outcomes[k].Json is { } json && fresh)
                {
                    _cache.Set(keys[k], json);
                }

                // After a reset the rest ran on an engine a clean run would not have used: right, but not kept.
                fresh &= !outcomes[k].Reset;
            }
        }

        for (var k = 0; k < count; k++)
        {
            var id = template.InstanceId(split, first + k);
            if (answers[k] is { Json: null, Error: { } error } failed)
            {
                results[k] = InstanceResult.Failed(id, new InstanceProblem(null, error, failed.ScriptLine, failed.ScriptColumn));
            }
            else if (answers[k].Json is not { } response || _failures[t].Exhausted)
            {
                results[k] = InstanceResult.Skip(id);
            }
            else
            {
                results[k] = await ValidateAsync(template, id, split, response, cancellationToken).ConfigureAwait(false);
                if (results[k].Problems.Count > 0)
                {
                    _failures[t].Add();
                }
            }
        }

        return results;
    }

    private async Task<InstanceResult> ValidateAsync(ScenarioTemplateSpec template, string id, string split, string response, CancellationToken cancellationToken)
    {
        if (Compose(template, id, split, response) is not { } instance)
        {
            return InstanceResult.Failed(id, new InstanceProblem(null, AnswerProblem(response), null, null));
        }

        var validationKey = CanonicalJson.Sha256(_validationContext + "\n" + CanonicalJson.Serialize(instance));
        if (_cache.TryGet(validationKey, out var knownHash))
        {
            return InstanceResult.Valid(id, Read(instance, template).Scenario!, knownHash);
        }

        var problems = new List<InstanceProblem>();
        foreach (var (path, message) in SpecSchema.Instance.CheckScenario(instance))
        {
            problems.Add(new InstanceProblem(path, message, null, null));
        }

        if (problems.Count > 0)
        {
            return new InstanceResult(id, null, null, problems, Skipped: false);
        }

        var (scenario, readProblem) = Read(instance, template);
        if (scenario is null)
        {
            return InstanceResult.Failed(id, readProblem!);
        }

        SpecValidator.CheckScenario(_spec, scenario, SpecPath.Root, (path, message) => problems.Add(new InstanceProblem(path, message, null, null)));
        if (problems.Count > 0)
        {
            return new InstanceResult(id, null, null, problems, Skipped: false);
        }

        var goldHash = _initialStateHash;
        var actions = scenario.Expected.Actions;
        if (actions.Count > 0)
        {
            var replay = await GoldReplay.RunAsync(_sandbox, actions, withStateJson: false, cancellationToken).ConfigureAwait(false);
            if (replay.Failure is { } failure)
            {
                var at = SpecPath.Root.Property("expected").Property("actions").Index(failure.ActionIndex);
                return InstanceResult.Failed(id, new InstanceProblem(at, $"gold action {failure.ActionIndex + 1} ('{actions[failure.ActionIndex].Name}') fails when replayed: {failure.Message}", null, null));
            }

            goldHash = replay.StateHash!;
        }

        Interlocked.Increment(ref _validated);
        _cache.Set(validationKey, goldHash);
        return InstanceResult.Valid(id, scenario, goldHash);
    }

    // The instance as a scenario written by hand would be: id, split and key set by the engine, the template's tags first.
    private JsonObject? Compose(ScenarioTemplateSpec template, string id, string split, string response)
    {
        if (JsonNode.Parse(response) is not JsonObject answer
            || answer.Any(p => p.Key is not ("key" or "scenario"))
            || answer["scenario"] is not JsonObject scenario
            || scenario.ContainsKey("id") || scenario.ContainsKey("split") || scenario.ContainsKey("key")
            || KeyOf(answer["key"]) is not { } key
            || (key.Length == 0 && _spec.SplitKey is not null))
        {
            return null;
        }

        var instance = new JsonObject { ["id"] = id, ["split"] = split };
        if (key.Length > 0)
        {
            instance["key"] = key;
        }

        foreach (var (name, value) in scenario.ToList())
        {
            scenario.Remove(name);
            instance[name] = value;
        }

        if (template.Tags.Count > 0 && (instance["tags"] is null || instance["tags"] is JsonArray))
        {
            var own = (instance["tags"] as JsonArray)?
                .Where(t => !(t is JsonValue v && v.TryGetValue<string>(out var tag) && template.Tags.Contains(tag)))
                .Select(t => t?.DeepClone()) ?? [];
            instance["tags"] = new JsonArray([.. template.Tags.Select(t => (JsonNode?)t), .. own]);
        }

        return instance;
    }

    // "" when there is no key; null when it is of the wrong kind.
    private static string? KeyOf(JsonNode? key) => key switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<double>(out var number) => CanonicalJson.FormatNumber(number),
        _ => null,
    };

    // Why an answer could not be composed into an instance, in the words of the contract.
    private string AnswerProblem(string response)
    {
        var node = JsonNode.Parse(response);
        if (node is not JsonObject answer)
        {
            return $"must return an object {{ key, scenario }}, not {Kind(node)}";
        }

        if (answer.FirstOrDefault(p => p.Key is not ("key" or "scenario")) is { Key: { } unknown })
        {
            return $"returned an unknown property '{unknown}'; it returns {{ key, scenario }}";
        }

        if (answer["scenario"] is not JsonObject scenario)
        {
            return $"must return 'scenario' as an object (a scenario without id and split), not {Kind(answer["scenario"])}";
        }

        if (new[] { "id", "split", "key" }.FirstOrDefault(scenario.ContainsKey) is { } engineSet)
        {
            return engineSet == "key"
                ? "returned 'key' inside the scenario; return it beside it: { key, scenario }"
                : $"returned '{engineSet}' in the scenario; the engine sets id and split";
        }

        return KeyOf(answer["key"]) is null
            ? $"must return 'key' as a string or a number, not {Kind(answer["key"])}"
            : $"returned no 'key'; the environment's splitKey '{_spec.SplitKey!.Name}' needs every instance's value of it";
    }

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };

    private static (ScenarioSpec? Scenario, InstanceProblem? Problem) Read(JsonObject instance, ScenarioTemplateSpec template)
    {
        try
        {
            var scenario = instance.Deserialize(SpecJsonContext.Default.ScenarioSpec) ?? throw new JsonException("the scenario is empty");
            return (scenario with { Template = template.Name }, null);
        }
        catch (JsonException ex)
        {
            return (null, new InstanceProblem(EnvironmentLoader.PathOf(ex), EnvironmentLoader.Explain(ex), null, null));
        }
    }

    private sealed record InstanceProblem(SpecPath? Path, string Message, int? ScriptLine, int? ScriptColumn);

    private sealed record InstanceResult(string Id, ScenarioSpec? Scenario, string? GoldHash, IReadOnlyList<InstanceProblem> Problems, bool Skipped)
    {
        public static InstanceResult Valid(string id, ScenarioSpec scenario, string goldHash) => new(id, scenario, goldHash, [], Skipped: false);

        public static InstanceResult Failed(string id, InstanceProblem problem) => new(id, null, null, [problem], Skipped: false);

        public static InstanceResult Skip(string id) => new(id, null, null, [], Skipped: true);
    }
}

/// <summary>The valid instances in order (template by template, train then test, by index), their gold state hashes, and how they were made.</summary>
internal sealed record TemplateExpansionResult(IReadOnlyList<ScenarioSpec> Scenarios, IReadOnlyDictionary<string, string> GoldStateHashes, TemplateLoadStats Stats);
