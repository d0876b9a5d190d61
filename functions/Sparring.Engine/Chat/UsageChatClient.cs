using Microsoft.Extensions.AI;

namespace Sparring.Engine.Chat;

/// <summary>
/// Middleware that times each call and reports it, with its tokens (<see cref="ResponseUsage"/>), to a recorder: an
/// episode's ledger, the judge's token metric. A call that throws reports nothing; the exception propagates.
/// </summary>
public sealed class UsageChatClient : DelegatingChatClient
{
    private readonly Action<ModelCall> _record;
    private readonly TimeProvider _time;

    /// <summary>Wraps <paramref name="innerClient"/>, reporting each call to <paramref name="record"/>.</summary>
    /// <param name="innerClient">The client to wrap.</param>
    /// <param name="record">Receives each finished call.</param>
    /// <param name="timeProvider">The clock that times calls; the episode's, so that a pinned clock pins latencies.</param>
    public UsageChatClient(IChatClient innerClient, Action<ModelCall> record, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(record);
        _record = record;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var latency = _time.GetElapsedTime(started);
        _record(new ModelCall(response, ResponseUsage.Tokens(response), ResponseUsage.IsEstimated(response), latency));
        return response;
    }

    /// <summary>Not supported: episodes never stream, and a streamed call would go unrecorded.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Usage is recorded for whole responses only: episodes never stream.");
}
