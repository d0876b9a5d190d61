using Spectre.Console;

namespace Sparring.Cli.Nightly;

/// <summary>Prints each step of a nightly run as it begins.</summary>
internal sealed class StepPrinter(IAnsiConsole console) : IProgress<string>
{
    /// <inheritdoc />
    public void Report(string value) => console.WriteLine($"  {value}");
}
