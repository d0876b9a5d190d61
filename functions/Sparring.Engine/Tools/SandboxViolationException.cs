namespace Sparring.Engine.Tools;

/// <summary>A tool broke its sandbox (a limit, a script defect, an attempt to reach outside); it ends the episode.</summary>
public sealed class SandboxViolationException : Exception
{
    /// <summary>Creates the exception for <paramref name="toolName"/>.</summary>
    public SandboxViolationException(string toolName, string message, Exception? inner = null)
        : base($"tool '{toolName}' {message}", inner)
    {
        ToolName = toolName;
    }

    private SandboxViolationException(string message, Exception? inner)
        : base($"the tool library {message}", inner)
    {
        ToolName = string.Empty;
        InLibrary = true;
    }

    /// <summary>The tool that broke its sandbox; empty when the library broke it as it was set up.</summary>
    public string ToolName { get; }

    /// <summary>Whether the library broke the sandbox while it was set up, before any tool ran.</summary>
    public bool InLibrary { get; }

    /// <summary>The library broke its sandbox while it was set up.</summary>
    internal static SandboxViolationException ForLibrary(string message, Exception? inner) => new(message, inner);
}
