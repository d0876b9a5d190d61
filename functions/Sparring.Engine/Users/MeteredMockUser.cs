using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Telemetry;

namespace Sparring.Engine.Users;

/// <summary>
/// A mock user whose turns are traced (a <c>chat &lt;model&gt;</c> span with role user), timed and reported with their
/// tokens: the mock-user counterpart of the chat middleware, because a scripted user has turns but no chat client.
/// </summary>
/// <param name="inner">The user.</param>
/// <param name="identity">The users' kind and model.</param>
/// <param name="record">Receives each finished turn and its latency.</param>
/// <param name="timeProvider">The clock that times turns.</param>
internal sealed class MeteredMockUser(IMockUser inner, ModelIdentity identity, Action<UserTurn, TimeSpan> record, TimeProvider timeProvider) : IMockUser
{
    /// <inheritdoc />
    public Task<UserTurn> StartAsync(CancellationToken cancellationToken) => MeterAsync(inner.StartAsync, cancellationToken);

    /// <inheritdoc />
    public Task<UserTurn> RespondAsync(string agentMessage, CancellationToken cancellationToken) =>
        MeterAsync(token => inner.RespondAsync(agentMessage, token), cancellationToken);

    private async Task<UserTurn> MeterAsync(Func<CancellationToken, Task<UserTurn>> turn, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var call = EpisodeTelemetry.StartModelCall(EpisodeTelemetry.UserRole, identity);
        try
        {
            var result = await turn(cancellationToken).ConfigureAwait(false);
            var latency = timeProvider.GetElapsedTime(started);
            EpisodeTelemetry.EndModelCall(call, result.Usage ?? TokenCount.Zero, result.UsageEstimated);
            record(result, latency);
            return result;
        }
        catch (Exception ex) when (EpisodeTelemetry.Escaped(call, ex))
        {
            // Never entered: the filter only marks the span.
            throw;
        }
    }
}
