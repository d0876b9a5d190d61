using System.Text.RegularExpressions;
using Sparring.Engine.Grading;

namespace Sparring.Engine.Environments;

/// <summary>The checks a schema cannot express: references between parts, duplicates, patterns, reward terms.</summary>
internal static class SpecValidator
{
    public static void Check(EnvironmentSpec spec, SpecErrorCollector errors)
    {
        var root = SpecPath.Root;
        var toolNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Tools.Count; i++)
        {
            var tool = spec.Tools[i];
            var path = root.Property("tools").Index(i);
            if (!toolNames.Add(tool.Name))
            {
                errors.Add(path.Property("name"), $"the tool name '{tool.Name}' is used twice");
            }

            if ((tool.Script is null) == (tool.Responses is null))
            {
                errors.Add(path, $"tool '{tool.Name}' needs exactly one implementation: 'script' (or 'scriptFile') or 'responses'");
            }
        }

        var known = string.Join(", ", spec.Tools.Select(t => t.Name));
        foreach (var (name, index) in (spec.Agent.Tools ?? []).Select((n, i) => (n, i)))
        {
            if (!toolNames.Contains(name))
            {
                errors.Add(root.Property("agent").Property("tools").Index(index), $"unknown tool '{name}' (tools are: {known})");
            }
        }

        if (spec.Agent.TransferTool is { } transfer)
        {
            if (!toolNames.Contains(transfer))
            {
                errors.Add(root.Property("agent").Property("transferTool"), $"unknown tool '{transfer}' (tools are: {known})");
            }
            else if (spec.Agent.Tools is { } offered && !offered.Contains(transfer))
            {
                errors.Add(root.Property("agent").Property("transferTool"), $"the transfer tool '{transfer}' is not offered to the agent (add it to agent.tools)");
            }
        }

        CheckScenarios(spec, toolNames, known, errors);
        var graderNames = CheckGraders(spec, errors);
        CheckReward(spec.Reward, graderNames, errors);
    }

    private static void CheckScenarios(EnvironmentSpec spec, HashSet<string> toolNames, string known, SpecErrorCollector errors)
    {
        if (spec.Scenarios.Count == 0 && spec.ScenarioTemplates.All(t => t.Instances.Train + t.Instances.Test == 0))
        {
            errors.Add(SpecPath.Root, "the environment has no scenarios: write some in scenarios or scenarioFiles, or give a template instances");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Scenarios.Count; i++)
        {
            var scenario = spec.Scenarios[i];
            var path = SpecPath.Root.Property("scenarios").Index(i);
            if (!ids.Add(scenario.Id))
            {
                errors.Add(path.Property("id"), $"the scenario id '{scenario.Id}' is used twice");
            }

            CheckScenario(spec, scenario, toolNames, known, path, errors.Add);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.ScenarioTemplates.Count; i++)
        {
            if (!names.Add(spec.ScenarioTemplates[i].Name))
            {
                errors.Add(SpecPath.Root.Property("scenarioTemplates").Index(i).Property("name"), $"the template name '{spec.ScenarioTemplates[i].Name}' is used twice");
            }
        }
    }

    /// <summary>
    /// The checks of one scenario that a schema cannot make (tools of its gold actions, its transfer, its safety checks,
    /// its known facts), for a scenario of the spec or a template's instance; <paramref name="add"/> takes each mistake.
    /// </summary>
    public static void CheckScenario(EnvironmentSpec spec, ScenarioSpec scenario, SpecPath path, Action<SpecPath, string> add)
    {
        var toolNames = spec.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        CheckScenario(spec, scenario, toolNames, string.Join(", ", spec.Tools.Select(t => t.Name)), path, add);
    }

    private static void CheckScenario(EnvironmentSpec spec, ScenarioSpec scenario, HashSet<string> toolNames, string known, SpecPath path, Action<SpecPath, string> add)
    {
        for (var j = 0; j < scenario.Expected.Actions.Count; j++)
        {
            var action = scenario.Expected.Actions[j];
            if (!toolNames.Contains(action.Name))
            {
                add(path.Property("expected").Property("actions").Index(j).Property("name"), $"unknown tool '{action.Name}' (tools are: {known})");
            }
        }

        if (scenario.Expected.Transfer && spec.Agent.TransferTool is null)
        {
            add(path.Property("expected").Property("transfer"), "the scenario expects a transfer, but agent.transferTool is not set");
        }

        for (var j = 0; j < scenario.Expected.Safety.Count; j++)
        {
            CheckTextCheck(scenario.Expected.Safety[j], path.Property("expected").Property("safety").Index(j), add);
        }

        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < scenario.Persona.KnownInfo.Count; j++)
        {
            if (!keys.Add(scenario.Persona.KnownInfo[j].Key))
            {
                add(path.Property("persona").Property("knownInfo").Index(j).Property("key"), $"the known fact '{scenario.Persona.KnownInfo[j].Key}' is listed twice");
            }
        }
    }

    private static HashSet<string> CheckGraders(EnvironmentSpec spec, SpecErrorCollector errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Graders.Count; i++)
        {
            var grader = spec.Graders[i];
            var path = SpecPath.Root.Property("graders").Index(i);
            if (!names.Add(grader.Name))
            {
                errors.Add(path.Property("name"), $"the grader name '{grader.Name}' is used twice");
            }

            switch (grader.Type)
            {
                case GraderTypes.Contains or GraderTypes.Regex:
                    CheckTextCheck(grader.ToTextCheck(), path, errors.Add);
                    break;
                case GraderTypes.LlmRubric when grader.Criteria is null:
                    errors.Add(path, $"the llm_rubric grader '{grader.Name}' needs 'criteria' (name and description of each thing the judge scores)");
                    break;
            }
        }

        return names;
    }

    private static void CheckTextCheck(TextCheckSpec check, SpecPath path, Action<SpecPath, string> add)
    {
        if (check.Type == GraderTypes.Contains && check.Any is null && check.All is null && check.None is null)
        {
            add(path, "a contains check needs 'any', 'all' or 'none'");
        }

        if (check.Type == GraderTypes.Regex)
        {
            if (check.Pattern is null)
            {
                add(path, "a regex check needs 'pattern'");
                return;
            }

            try
            {
                _ = new Regex(check.Pattern, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                add(path.Property("pattern"), $"invalid regular expression: {ex.Message}");
            }
        }
    }

    private static void CheckReward(RewardSpec reward, HashSet<string> graders, SpecErrorCollector errors)
    {
        var path = SpecPath.Root.Property("reward");
        var known = string.Join(", ", graders);
        foreach (var name in reward.Weights.Keys)
        {
            if (!graders.Contains(name))
            {
                errors.Add(path.Property("weights").Property(name), $"unknown grader '{name}' (graders are: {known})");
            }
        }

        if (reward.Combine == "weighted_sum" && reward.Weights.Values.Sum() <= 0)
        {
            errors.Add(path.Property("weights"), "the weights add up to 0; give at least one grader a positive weight");
        }

        for (var i = 0; i < reward.Gates.Count; i++)
        {
            if (!graders.Contains(reward.Gates[i].Grader))
            {
                errors.Add(path.Property("gates").Index(i).Property("grader"), $"unknown grader '{reward.Gates[i].Grader}' (graders are: {known})");
            }
        }
    }
}
