using Sparring.Abstractions.Trajectories;

namespace Sparring.Training.Tokenization;

/// <summary>A generated assistant turn read back: its text, its tool calls (valid or not) and whether it ended properly.</summary>
/// <param name="Text">The text before the first tool call (empty when there is none).</param>
/// <param name="ToolCalls">The tool calls in the order generated.</param>
/// <param name="Terminated">Whether the turn ended with <c>&lt;|end|&gt;</c> rather than running out or hitting another special token.</param>
public sealed record ParsedAssistantTurn(string Text, IReadOnlyList<ParsedToolCall> ToolCalls, bool Terminated)
{
    /// <summary>How many tool calls were malformed.</summary>
    public int InvalidToolCallCount => ToolCalls.Count(call => !call.IsValid);

    /// <summary>
    /// The turn as an OpenAI-format assistant message. An invalid call is kept, with its raw text as arguments and
    /// the name it gave (or an empty one), so the engine records it as an invalid call and graders count it.
    /// </summary>
    /// <param name="callId">Gives the id of the call at each index (e.g. <c>call_1</c>); the model does not write ids.</param>
    public ChatMessageRecord ToChatMessage(Func<int, string> callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        var calls = ToolCalls
            .Select((call, index) => new ToolCallMessage(
                callId(index),
                "function",
                new FunctionCallMessage(call.Name ?? string.Empty, call.IsValid ? call.Arguments! : call.RawText)))
            .ToList();
        return new ChatMessageRecord
        {
            Role = "assistant",
            Content = Text.Length == 0 && calls.Count > 0 ? null : Text,
            ToolCalls = calls.Count > 0 ? calls : null,
        };
    }
}
