namespace Sparring.Training.Tokenization;

/// <summary>A conversation as token ids, with a parallel mask of the tokens the assistant produced.</summary>
/// <param name="Ids">The token ids, starting with <c>&lt;|bos|&gt;</c>.</param>
/// <param name="AssistantMask">True where the assistant wrote the token (text, tool calls, its end token): the tokens that get loss.</param>
/// <param name="Messages">Where each message lies, in order.</param>
public sealed record RenderedConversation(IReadOnlyList<int> Ids, IReadOnlyList<bool> AssistantMask, IReadOnlyList<RenderedMessage> Messages);
