using System.Text.Json.Serialization;

namespace Sparring.Serving.Protocol;

/// <summary>The assistant message of a response.</summary>
/// <param name="Role">Always "assistant".</param>
/// <param name="Content">The text, or null when the message only calls tools.</param>
/// <param name="ToolCalls">The calls, or null for none.</param>
internal sealed record ResponseMessage(
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Content,
    IReadOnlyList<ToolCall>? ToolCalls);
