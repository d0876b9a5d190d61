namespace Sparring.Training.Generation;

/// <summary>What a request generated.</summary>
/// <param name="Tokens">The new tokens, ending with the stop token when one was drawn.</param>
/// <param name="Stopped">Whether a stop token ended it (rather than the token limit).</param>
/// <param name="PromptTokens">Prompt tokens the model saw (after truncation).</param>
/// <param name="TruncatedPromptTokens">Oldest prompt tokens dropped to fit the context.</param>
public sealed record GeneratedSequence(int[] Tokens, bool Stopped, int PromptTokens, int TruncatedPromptTokens);
