namespace Sparring.Cli;

/// <summary>A mistake in how the command was called or configured: printed as one line, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
