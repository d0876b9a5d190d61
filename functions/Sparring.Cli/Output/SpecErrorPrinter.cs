using Spectre.Console;
using Sparring.Engine.Environments;

namespace Sparring.Cli.Output;

/// <summary>Prints spec mistakes one per line, file:line:column first, so editors can jump to them.</summary>
internal static class SpecErrorPrinter
{
    public static void Print(IAnsiConsole console, EnvironmentSpecException exception)
    {
        console.MarkupLine($"[red]The environment spec has {exception.Errors.Count} mistake{(exception.Errors.Count == 1 ? string.Empty : "s")}:[/]");
        foreach (var error in exception.Errors)
        {
            console.WriteLine("  " + error);
        }
    }
}
