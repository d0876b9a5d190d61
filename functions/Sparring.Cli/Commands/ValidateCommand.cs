using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Sparring.Engine.Environments;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring validate &lt;env&gt;: loads the environment, replays every gold action, makes and validates every template
/// instance, and lists any mistakes.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(IAnsiConsole console, EnvironmentLoader loader)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder or spec file." };
        var cache = new ScenarioCacheOptions();
        var command = new Command("validate", "Check an environment spec: schema, references, scripts, gold actions and template instances.") { environment };
        cache.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(environment);
            var loaded = await loader.LoadAsync(path, cache.Resolve(parse, path), cancellationToken).ConfigureAwait(false);
            var spec = loaded.Spec;
            console.MarkupLine($"[green]valid[/] {Markup.Escape(spec.Name)} {Markup.Escape(spec.Version)} ({loaded.ContentHash[..12]})");
            console.WriteLine($"  tools: {spec.Tools.Count} ({loaded.Tools.OfferedTools.Count} offered to the agent)");
            console.WriteLine($"  scenarios: {spec.Scenarios.Count} ({string.Join(", ", spec.Scenarios.GroupBy(s => s.Split).Select(g => $"{g.Count()} {g.Key}"))}), gold actions replayed");
            if (spec.ScenarioTemplates.Count > 0)
            {
                var stats = loaded.Templates;
                console.WriteLine($"  templates: {string.Join(", ", spec.ScenarioTemplates.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} ({t.Instances.Train:N0} train, {t.Instances.Test:N0} test)")))}");
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  instances: {stats.Instances:N0} in {stats.Elapsed.TotalSeconds:0.0} s ({stats.Generated:N0} generated, {stats.Validated:N0} validated, {stats.Instances - stats.Validated:N0} known valid from the cache)"));
            }

            console.WriteLine($"  graders: {string.Join(", ", spec.Graders.Select(g => $"{g.Name} ({g.Type})"))}");
            return 0;
        });
        return command;
    }
}
