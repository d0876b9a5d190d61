namespace Sparring.Serving.Protocol;

/// <summary>The part of the assistant message a chunk carries.</summary>
/// <param name="Role">"assistant" on the first chunk only.</param>
/// <param name="Content">Text added.</param>
/// <param name="ToolCalls">Tool calls added, each with its index.</param>
internal sealed record ChunkDelta(string? Role, string? Content, IReadOnlyList<ToolCall>? ToolCalls);
