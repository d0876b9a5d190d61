using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Abstractions.Metering;

/// <summary>
/// Records nothing and allows everything: for hosts that choose to run without metering (the CLI writing to a
/// folder, training's own evaluation runs). A host has to pass it explicitly; nothing falls back to it.
/// </summary>
public sealed class NoUsageMeter : IUsageMeter
{
    /// <summary>The one instance.</summary>
    public static NoUsageMeter Instance { get; } = new();

    private NoUsageMeter()
    {
    }

    /// <inheritdoc />
    public Task RecordAsync(RunKey run, Trajectory trajectory, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<EpisodeAllowance> AllowanceAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken) => Task.FromResult(EpisodeAllowance.Unlimited);
}
