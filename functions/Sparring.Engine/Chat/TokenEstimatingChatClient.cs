using Microsoft.Extensions.AI;

namespace Sparring.Engine.Chat;

/// <summary>
/// Middleware that gives every response a token count: when the model reports no input tokens (rule-based policies,
/// some local models), the usage becomes a <see cref="TokenEstimate"/> of the request and the response, marked as
/// estimated (<see cref="ResponseUsage.IsEstimated"/>). Compose it innermost, so that usage and telemetry see the counts.
/// </summary>
public sealed class TokenEstimatingChatClient : DelegatingChatClient
{
    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    public TokenEstimatingChatClient(IChatClient innerClient)
        : base(innerClient)
    {
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        if (response.Usage?.InputTokenCount is null)
        {
            ResponseUsage.Estimate(response, TokenEstimate.Of(messages), TokenEstimate.Of(response.Messages));
        }

        return response;
    }

    /// <summary>Not supported: episodes never stream, and a streamed response would go without a token count.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Token estimates are made for whole responses only: episodes never stream.");
}
