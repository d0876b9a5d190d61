using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Grading;

/// <summary>What graders see of a finished episode.</summary>
/// <param name="Scenario">The scenario played.</param>
/// <param name="Messages">The conversation in the OpenAI chat format.</param>
/// <param name="ToolCalls">Every tool call with its outcome.</param>
/// <param name="FinalStateHash">Hash of the final state.</param>
/// <param name="GoldStateHash">Hash of the state after the gold actions.</param>
/// <param name="Transferred">Whether the agent handed over to a human.</param>
/// <param name="Termination">Why the episode ended.</param>
public sealed record GradingContext(
    ScenarioSpec Scenario,
    IReadOnlyList<ChatMessageRecord> Messages,
    IReadOnlyList<ToolCallRecord> ToolCalls,
    string FinalStateHash,
    string GoldStateHash,
    bool Transferred,
    Termination Termination)
{
    /// <summary>The text of every agent (assistant) message, in order.</summary>
    public IReadOnlyList<string> AgentTexts { get; } =
        [.. Messages.Where(m => m.Role == "assistant" && !string.IsNullOrWhiteSpace(m.Content)).Select(m => m.Content!)];
}
