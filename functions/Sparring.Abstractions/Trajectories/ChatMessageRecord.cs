using System.Text.Json.Serialization;

namespace Sparring.Abstractions.Trajectories;

/// <summary>A chat message in the OpenAI chat-completions format, so trajectories feed fine-tuning tools unchanged.</summary>
public sealed record ChatMessageRecord
{
    /// <summary>system, user, assistant or tool.</summary>
    [JsonPropertyName("role")]
    public required string Role { get; init; }

    /// <summary>Text content; null for an assistant message that only calls tools.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }

    /// <summary>Tool calls made by an assistant message.</summary>
    [JsonPropertyName("tool_calls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCallMessage>? ToolCalls { get; init; }

    /// <summary>For a tool message, the id of the call it answers.</summary>
    [JsonPropertyName("tool_call_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToolCallId { get; init; }

    /// <summary>For a tool message, the name of the tool that answered.</summary>
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }
}

/// <summary>One tool call of an assistant message, OpenAI format.</summary>
public sealed record ToolCallMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("function")] FunctionCallMessage Function);

/// <summary>The function part of a tool call: its name and its arguments as a JSON string.</summary>
public sealed record FunctionCallMessage(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arguments")] string Arguments);
