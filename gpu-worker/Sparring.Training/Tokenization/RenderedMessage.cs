namespace Sparring.Training.Tokenization;

/// <summary>Where one message lies in a rendered conversation: its header token, its content and its end.</summary>
/// <param name="MessageIndex">Index of the message in the conversation.</param>
/// <param name="Role">system, user, assistant or tool.</param>
/// <param name="HeaderIndex">Position of the role header token.</param>
/// <param name="ContentStart">First position after the header.</param>
/// <param name="End">Position after the message's <c>&lt;|end|&gt;</c> token (exclusive).</param>
public sealed record RenderedMessage(int MessageIndex, string Role, int HeaderIndex, int ContentStart, int End);
