namespace Sparring.Serving.Protocol;

/// <summary>A function call made by the assistant, in requests, responses and stream chunks.</summary>
/// <param name="Index">Position of the call in the message; only in stream chunks.</param>
/// <param name="Id">The call id that the tool message answers with.</param>
/// <param name="Type">Always "function".</param>
/// <param name="Function">Name and JSON arguments.</param>
internal sealed record ToolCall(int? Index, string? Id, string? Type, FunctionCall? Function);
