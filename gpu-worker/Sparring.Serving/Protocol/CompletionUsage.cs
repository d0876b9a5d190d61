namespace Sparring.Serving.Protocol;

/// <summary>Token counts of one completion.</summary>
/// <param name="PromptTokens">Input tokens.</param>
/// <param name="CompletionTokens">Generated tokens.</param>
/// <param name="TotalTokens">Both.</param>
internal sealed record CompletionUsage(long PromptTokens, long CompletionTokens, long TotalTokens);
