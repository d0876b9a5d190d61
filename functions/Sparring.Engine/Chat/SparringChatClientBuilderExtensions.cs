using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Chat;

/// <summary>
/// Adds the engine's model-call middleware to a <see cref="ChatClientBuilder"/>. The first added is the outermost:
/// compose telemetry, then usage, then token estimates, so that both see the estimated counts.
/// </summary>
public static class SparringChatClientBuilderExtensions
{
    /// <summary>Traces each call as a <c>chat &lt;model&gt;</c> span (<see cref="TelemetryChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="role">The part the model plays: policy, user or judge.</param>
    /// <param name="model">The model's kind and name.</param>
    public static ChatClientBuilder UseSparringTelemetry(this ChatClientBuilder builder, string role, ModelIdentity model)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new TelemetryChatClient(inner, role, model));
    }

    /// <summary>Times each call and reports it with its tokens to <paramref name="record"/> (<see cref="UsageChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="record">Receives each finished call.</param>
    /// <param name="timeProvider">The clock that times calls.</param>
    public static ChatClientBuilder UseSparringUsage(this ChatClientBuilder builder, Action<ModelCall> record, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new UsageChatClient(inner, record, timeProvider));
    }

    /// <summary>Estimates the tokens of responses whose model reports none (<see cref="TokenEstimatingChatClient"/>).</summary>
    /// <param name="builder">The builder.</param>
    public static ChatClientBuilder UseTokenEstimates(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use(inner => new TokenEstimatingChatClient(inner));
    }
}
