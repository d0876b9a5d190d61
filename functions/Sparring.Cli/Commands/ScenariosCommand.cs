using System.CommandLine;
using Spectre.Console;
using Sparring.Engine.Environments;
using Sparring.Engine.Tools;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring scenarios &lt;env&gt; [--template t] [--split s] [--sample n] [--seed s]: prints an environment's scenarios
/// (written and generated, or one template's instances) as YAML, in the shape a scenarioFiles file holds.
/// </summary>
internal static class ScenariosCommand
{
    public static Command Create(IAnsiConsole console, EnvironmentLoader loader)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder or spec file." };
        var template = new Option<string?>("--template") { Description = "Only this template's instances." };
        var split = new Option<string?>("--split") { Description = "Only this split: train or test." };
        var sample = new Option<int?>("--sample") { Description = "Print this many scenarios, chosen at random by --seed (in spec order)." };
        var seed = new Option<long>("--seed") { Description = "Seed of --sample: the same seed gives the same sample.", DefaultValueFactory = _ => 0 };
        var cache = new ScenarioCacheOptions();
        var command = new Command("scenarios", "Print an environment's scenarios, or a template's instances, as YAML.") { environment, template, split, sample, seed };
        cache.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosenSplit = parse.GetValue(split);
            if (chosenSplit is not (null or "train" or "test"))
            {
                throw new CliException($"--split must be train or test, not '{chosenSplit}'");
            }

            if (parse.GetValue(sample) is < 1)
            {
                throw new CliException($"--sample must be at least 1, not {parse.GetValue(sample)}");
            }

            var path = parse.GetRequiredValue(environment);
            var loaded = await loader.LoadAsync(path, cache.Resolve(parse, path), cancellationToken).ConfigureAwait(false);
            var chosenTemplate = parse.GetValue(template);
            if (chosenTemplate is not null && loaded.Spec.ScenarioTemplates.All(t => t.Name != chosenTemplate))
            {
                var known = loaded.Spec.ScenarioTemplates.Select(t => t.Name).ToList();
                throw new CliException($"{loaded.Spec.Name} has no template '{chosenTemplate}' ({(known.Count == 0 ? "it has no templates" : "templates: " + string.Join(", ", known))})");
            }

            var chosen = loaded.Spec.Scenarios
                .Where(s => chosenTemplate is null || s.Template == chosenTemplate)
                .Where(s => chosenSplit is null || s.Split == chosenSplit)
                .ToList();
            if (chosen.Count == 0)
            {
                throw new CliException($"{loaded.Spec.Name} has no scenario{(chosenTemplate is null ? string.Empty : $" of template '{chosenTemplate}'")}{(chosenSplit is null ? string.Empty : $" in split '{chosenSplit}'")}");
            }

            if (parse.GetValue(sample) is { } count && count < chosen.Count)
            {
                chosen = Sample(chosen, count, parse.GetValue(seed));
            }

            // Raw text, so the terminal's width never wraps a line of YAML.
            var writer = console.Profile.Out.Writer;
            await writer.WriteAsync(ScenarioYaml.Serialize(chosen).AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    // A seeded partial shuffle picks the sample; it is printed in the spec's order.
    private static List<ScenarioSpec> Sample(List<ScenarioSpec> scenarios, int count, long seed)
    {
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom($"scenarios/{seed}"));
        var positions = Enumerable.Range(0, scenarios.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + random.Next(positions.Length - i);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }

        return [.. positions.Take(count).Order().Select(p => scenarios[p])];
    }
}
