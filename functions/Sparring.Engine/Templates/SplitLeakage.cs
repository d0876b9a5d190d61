using Sparring.Engine.Environments;

namespace Sparring.Engine.Templates;

/// <summary>
/// Refuses a test scenario (written by hand with a key, or a template's instance) whose key value a train scenario or
/// an SFT transcript also has: what the agent was trained on must not be what it is tested on. Each mistake names
/// both sides and the shared value.
/// </summary>
internal static class SplitLeakage
{
    /// <summary>Adds a mistake for every test scenario that shares a key with the train side.</summary>
    /// <param name="spec">The spec: its scenarios are those written by hand, its templates locate the instances' mistakes.</param>
    /// <param name="instances">The templates' instances.</param>
    /// <param name="transcriptKeys">The SFT transcripts' key values.</param>
    /// <param name="errors">Where mistakes go.</param>
    public static void Check(EnvironmentSpec spec, IReadOnlyList<ScenarioSpec> instances, IReadOnlyList<KeyOwner> transcriptKeys, SpecErrorCollector errors)
    {
        var keyName = spec.SplitKey?.Name ?? "key";
        var train = new Dictionary<string, KeyOwner>(StringComparer.Ordinal);
        foreach (var scenario in spec.Scenarios.Where(s => s is { Split: "train", Key: not null }))
        {
            train.TryAdd(scenario.Key!, new KeyOwner(scenario.Key!, $"train scenario '{scenario.Id}'"));
        }

        foreach (var instance in instances.Where(s => s is { Split: "train", Key: not null }))
        {
            train.TryAdd(instance.Key!, new KeyOwner(instance.Key!, $"train instance '{instance.Id}'"));
        }

        foreach (var owner in transcriptKeys)
        {
            train.TryAdd(owner.Value, owner);
        }

        for (var i = 0; i < spec.Scenarios.Count; i++)
        {
            if (spec.Scenarios[i] is { Split: "test", Key: { } key } scenario && train.TryGetValue(key, out var owner))
            {
                errors.Add(SpecPath.Root.Property("scenarios").Index(i).Property("key"), $"test scenario '{scenario.Id}' shares {keyName} '{key}' with {owner.Description}");
            }
        }

        var templates = spec.ScenarioTemplates.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var reported = new int[spec.ScenarioTemplates.Count];
        foreach (var instance in instances)
        {
            if (instance is not { Split: "test", Key: { } key } || !train.TryGetValue(key, out var owner))
            {
                continue;
            }

            var t = templates[instance.Template!];
            var path = SpecPath.Root.Property("scenarioTemplates").Index(t);
            if (++reported[t] <= TemplateExpansion.MaxFailuresPerTemplate)
            {
                errors.Add(path, $"test instance '{instance.Id}' shares {keyName} '{key}' with {owner.Description}");
            }
        }

        for (var t = 0; t < reported.Length; t++)
        {
            if (reported[t] > TemplateExpansion.MaxFailuresPerTemplate)
            {
                errors.Add(
                    SpecPath.Root.Property("scenarioTemplates").Index(t),
                    $"template '{spec.ScenarioTemplates[t].Name}': {reported[t] - TemplateExpansion.MaxFailuresPerTemplate:N0} more test instances share a {keyName} with the train split (use ctx.splitOf({keyName}) to choose by split)");
            }
        }
    }
}
