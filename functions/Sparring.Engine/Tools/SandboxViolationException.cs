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

    /// <summary>The tool that broke its sandbox.</summary>
    public string ToolName { get; }
}
