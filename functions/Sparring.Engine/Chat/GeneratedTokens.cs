using Microsoft.Extensions.AI;

namespace Sparring.Engine.Chat;

/// <summary>
/// How a local policy hands the engine the token ids it sampled: under this key of the assistant message's additional
/// properties. The episode runner keeps them on the message (so the policy re-reads its own turns exactly) and in the
/// turn's record (so training sees what was sampled).
/// </summary>
public static class GeneratedTokens
{
    /// <summary>The additional-properties key.</summary>
    public const string Key = "sparring.generated_tokens";

    /// <summary>The token ids a message carries, if any.</summary>
    public static IReadOnlyList<int>? Of(ChatMessage message) =>
        message?.AdditionalProperties?.TryGetValue(Key, out var value) == true ? value as IReadOnlyList<int> : null;

    /// <summary>Attaches token ids to a message.</summary>
    public static void Attach(ChatMessage message, IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(tokens);
        (message.AdditionalProperties ??= [])[Key] = tokens;
    }
}
