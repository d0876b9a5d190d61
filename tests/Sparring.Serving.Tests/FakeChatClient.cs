using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Sparring.Serving.Tests;

/// <summary>A chat client that records what it was asked and answers what the test says.</summary>
internal sealed class FakeChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>> respond) : IChatClient
{
    public FakeChatClient(ChatResponse response)
        : this((_, _, _) => Task.FromResult(response))
    {
    }

    public IReadOnlyList<ChatMessage>? Messages { get; private set; }

    public ChatOptions? Options { get; private set; }

    /// <summary>Streams these updates instead of the response cut into updates.</summary>
    public Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? Stream { get; init; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Messages = [.. messages];
        Options = options;
        return respond(Messages, options, cancellationToken);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Stream is not null)
        {
            Messages = [.. messages];
            Options = options;
            await foreach (var update in Stream(cancellationToken).WithCancellation(cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
