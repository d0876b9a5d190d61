using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Cli;
using Sparring.Cli.Commands;
using Sparring.Models;
using Sparring.Samples.MedicalSupply;
using Sparring.Training.Chat;

var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "sparring.settings.json"), optional: true)
    .AddEnvironmentVariables()
    .Build();
using var logging = LoggerFactory.Create(builder => builder
    .AddConfiguration(configuration.GetSection("Logging"))
    .SetMinimumLevel(LogLevel.Warning)
    // sparring serve logs one line per request; no other command logs from there.
    .AddFilter("Sparring.Serving", LogLevel.Information)
    // sparring worker logs each job's progress; the worker's settlement and notifications too.
    .AddFilter("Sparring.Training.Jobs", LogLevel.Information)
    .AddFilter("Sparring.TrainingQueue", LogLevel.Information)
    .AddSimpleConsole(options => options.SingleLine = true));
// Not disposed: System.CommandLine also ends a command on Ctrl+C, so this handler can run after the command returned.
var cancel = new CancellationTokenSource();
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

await using var policies = new CheckpointPolicies(logging);
return await new CliApp(AnsiConsole.Console, configuration, logging, new ModelCatalog(configuration, SampleAgents.References, policies, RewardModelCommand.LoadScorer), policies).RunAsync(args, cancel.Token);
