using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Sparring.Engine.Policies;

/// <summary>
/// Base of policies written as code rather than served by a model (baselines, reference agents): one synchronous
/// decision per call, exposed as an <see cref="IChatClient"/> so they run wherever a model would.
/// </summary>
public abstract class RuleBasedPolicy : IChatClient
{
    /// <summary>The next assistant message for this conversation: text, or tool calls.</summary>
    protected abstract ChatResponse Respond(IReadOnlyList<ChatMessage> messages, ChatOptions? options);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Respond(messages as IReadOnlyList<ChatMessage> ?? [.. messages], options));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a derived policy holds; rule-based policies usually hold nothing.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
