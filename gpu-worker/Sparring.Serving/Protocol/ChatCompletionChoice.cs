namespace Sparring.Serving.Protocol;

/// <summary>The generated message and why generation stopped.</summary>
/// <param name="Index">Always 0.</param>
/// <param name="Message">The assistant message.</param>
/// <param name="FinishReason">stop, length, tool_calls or content_filter.</param>
internal sealed record ChatCompletionChoice(int Index, ResponseMessage Message, string FinishReason);
