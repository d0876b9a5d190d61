using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Cli;
using Sparring.Cli.Commands;
using Sparring.Models;

var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "sparring.settings.json"), optional: true)
    .AddEnvironmentVariables()
    .Build();
using var logging = LoggerFactory.Create(builder => builder
    .AddConfiguration(configuration.GetSection("Logging"))
    .SetMinimumLevel(LogLevel.Warning)
    .AddSimpleConsole(options => options.SingleLine = true));
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// Redirected output (logs, CI, editors reading errors) gets long lines instead of 80-column wrapping.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 200;
}

return await new CliApp(AnsiConsole.Console, configuration, logging, new ModelCatalog(configuration, RewardModelCommand.LoadScorer)).RunAsync(args, cancel.Token);
