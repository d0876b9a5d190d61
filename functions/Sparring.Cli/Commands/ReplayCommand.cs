using System.CommandLine;
using Spectre.Console;
using Sparring.Engine.Environments;
using Sparring.Engine.State;

namespace Sparring.Cli.Commands;

/// <summary>sparring replay &lt;env&gt; --scenario id --state-out file: the state a scenario's gold actions produce.</summary>
internal static class ReplayCommand
{
    public static Command Create(IAnsiConsole console, EnvironmentLoader loader)
    {
        var environment = new Argument<string>("env") { Description = "Environment folder or spec file." };
        var scenario = new Option<string>("--scenario") { Description = "Scenario id.", Required = true };
        var stateOut = new Option<string?>("--state-out") { Description = "Write the final state here as canonical JSON." };
        var command = new Command("replay", "Replay a scenario's gold actions on a fresh state and print the state hash.") { environment, scenario, stateOut };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = await loader.LoadAsync(parse.GetRequiredValue(environment), cancellationToken).ConfigureAwait(false);
            var chosen = loaded.Scenario(parse.GetRequiredValue(scenario));
            var result = await GoldReplay.RunAsync(loaded.Tools, chosen.Expected.Actions, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(stateOut) is { } path)
            {
                var temporary = path + ".partial";
                await File.WriteAllTextAsync(temporary, CanonicalJson.Serialize(result.StateJson!), cancellationToken).ConfigureAwait(false);
                File.Move(temporary, path, overwrite: true);
                console.WriteLine($"state written to {path}");
            }

            console.WriteLine($"{chosen.Expected.Actions.Count} gold actions replayed");
            console.WriteLine($"state hash {result.StateHash}");
            return 0;
        });
        return command;
    }
}
