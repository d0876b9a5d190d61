using System.Text.Json;

namespace Sparring.Serving.Protocol;

/// <summary>One message of a request: system, developer, user, assistant (text and/or tool calls) or tool (a result).</summary>
internal sealed record RequestMessage
{
    /// <summary>system, developer, user, assistant or tool.</summary>
    public string? Role { get; init; }

    /// <summary>A string, an array of text parts, or null for an assistant message that only calls tools.</summary>
    public JsonElement? Content { get; init; }

    /// <summary>The author's name, optional.</summary>
    public string? Name { get; init; }

    /// <summary>The tool calls of an assistant message.</summary>
    public List<ToolCall?>? ToolCalls { get; init; }

    /// <summary>The call a tool message answers.</summary>
    public string? ToolCallId { get; init; }
}
