using System.CommandLine;
using Spectre.Console;
using Sparring.Engine.Environments;

namespace Sparring.Cli.Commands;

/// <summary>sparring validate &lt;env&gt;: loads the environment, replays every gold action, and lists any mistakes.</summary>
internal static class ValidateCommand
{
    public static Command Create(IAnsiConsole console, EnvironmentLoader loader)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder or spec file." };
        var command = new Command("validate", "Check an environment spec: schema, references, scripts and gold actions.") { environment };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await loader.LoadAsync(parse.GetRequiredValue(environment), cancellationToken).ConfigureAwait(false);
            var spec = loaded.Spec;
            console.MarkupLine($"[green]valid[/] {Markup.Escape(spec.Name)} {Markup.Escape(spec.Version)} ({loaded.ContentHash[..12]})");
            console.WriteLine($"  tools: {spec.Tools.Count} ({loaded.Tools.OfferedTools.Count} offered to the agent)");
            console.WriteLine($"  scenarios: {spec.Scenarios.Count} ({string.Join(", ", spec.Scenarios.GroupBy(s => s.Split).Select(g => $"{g.Count()} {g.Key}"))}), gold actions replayed");
            console.WriteLine($"  graders: {string.Join(", ", spec.Graders.Select(g => $"{g.Name} ({g.Type})"))}");
            return 0;
        });
        return command;
    }
}
