using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Telemetry;

namespace Sparring.Engine.Chat;

/// <summary>
/// Middleware that traces each call as a <c>chat &lt;model&gt;</c> span of <see cref="EngineTelemetry.Name"/>: the
/// model's role, kind and name, the episode's ids, and the tokens (<see cref="ResponseUsage"/>; compose it outside
/// <see cref="TokenEstimatingChatClient"/> to see estimates). A call that throws ends its span with status Error.
/// </summary>
public sealed class TelemetryChatClient : DelegatingChatClient
{
    private readonly string _role;
    private readonly ModelIdentity _model;

    /// <summary>Wraps <paramref name="innerClient"/>, the model <paramref name="model"/> playing <paramref name="role"/>.</summary>
    /// <param name="innerClient">The client to wrap.</param>
    /// <param name="role">The part the model plays: policy, user or judge.</param>
    /// <param name="model">The model's kind and name.</param>
    public TelemetryChatClient(IChatClient innerClient, string role, ModelIdentity model)
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrEmpty(role);
        ArgumentNullException.ThrowIfNull(model);
        _role = role;
        _model = model;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var call = EpisodeTelemetry.StartModelCall(_role, _model);
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            if (call is not null)
            {
                EpisodeTelemetry.EndModelCall(call, ResponseUsage.Tokens(response), ResponseUsage.IsEstimated(response));
            }

            return response;
        }
        catch (Exception ex) when (EpisodeTelemetry.Escaped(call, ex))
        {
            // Never entered: the filter only marks the span.
            throw;
        }
    }

    /// <summary>Not supported: episodes never stream, and a streamed call would go untraced.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Model calls are traced for whole responses only: episodes never stream.");
}
