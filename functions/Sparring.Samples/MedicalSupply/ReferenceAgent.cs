using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Sparring.Samples.MedicalSupply.Agent;

namespace Sparring.Samples.MedicalSupply;

/// <summary>
/// A rule-based policy for the medical-supply environment, usable wherever a chat model is: it reads the whole
/// conversation on every call (caller intent and facts by keywords and patterns, tool results so far) and answers with
/// one tool call or one message, following the environment's policy: emergencies first, then identify, look up,
/// confirm, act, report. Stateless, deterministic and thread-safe.
/// </summary>
public sealed class ReferenceAgent : IChatClient
{
    /// <summary>The model id its responses carry.</summary>
    public const string ModelId = "medical-supply-reference-v1";

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var conversation = new Conversation(messages);
        return Task.FromResult(StepResponse.From(ReferencePlanner.Next(conversation), conversation, ModelId));
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
    }
}
