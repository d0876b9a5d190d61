namespace Sparring.Training.Checkpoints;

/// <summary>
/// What of a conversation a policy reads. A small policy trained for one environment has its instructions and tools in
/// its weights: leaving the system prompt and tool declarations out saves most of its context.
/// </summary>
public sealed record PromptOptions
{
    /// <summary>Render system messages.</summary>
    public bool IncludeSystem { get; init; }

    /// <summary>Render the tool declarations.</summary>
    public bool IncludeTools { get; init; }
}
