namespace Sparring.Engine.Tools;

/// <summary>What a tool call gave the agent.</summary>
/// <param name="Result">The text the agent sees; "Error: …" when the call failed.</param>
/// <param name="Valid">Whether the call named an offered tool with arguments matching its schema.</param>
/// <param name="Error">Why the call failed, if it did.</param>
/// <param name="FaultInjected">Whether the failure was an injected fault.</param>
public sealed record ToolOutcome(string Result, bool Valid, string? Error = null, bool FaultInjected = false)
{
    /// <summary>A failed call: the agent sees "Error: message".</summary>
    public static ToolOutcome Failure(string message, bool valid, bool faultInjected = false) =>
        new($"Error: {message}", valid, message, faultInjected);
}
