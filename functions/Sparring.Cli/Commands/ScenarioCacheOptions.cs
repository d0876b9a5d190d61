using System.CommandLine;
using Sparring.Engine.Templates;

namespace Sparring.Cli.Commands;

/// <summary>
/// --cache and --no-cache of the commands that make template instances: where the scenario cache is kept between runs
/// (&lt;env&gt;/.sparring-cache by default, written only when the environment has templates).
/// </summary>
internal sealed class ScenarioCacheOptions
{
    private readonly Option<string?> _folder = new("--cache") { Description = "Folder of the scenario cache (generated and validated template instances); default <env>/.sparring-cache." };
    private readonly Option<bool> _off = new("--no-cache") { Description = "Keep the scenario cache in memory only: generate and validate every template instance." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_folder);
        command.Options.Add(_off);
    }

    /// <summary>The cache the call asks for, for the environment at <paramref name="environmentPath"/>.</summary>
    public ScenarioCache Resolve(ParseResult parse, string environmentPath)
    {
        if (parse.GetValue(_off))
        {
            if (parse.GetValue(_folder) is not null)
            {
                throw new CliException("give --cache or --no-cache, not both");
            }

            return new ScenarioCache();
        }

        return ScenarioCache.InFolder(parse.GetValue(_folder) ?? ScenarioCache.DefaultFolder(environmentPath));
    }
}
