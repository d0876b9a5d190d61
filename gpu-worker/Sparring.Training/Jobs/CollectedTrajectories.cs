using System.Collections.Concurrent;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Runs;

namespace Sparring.Training.Jobs;

/// <summary>A rollout's trajectories, kept in memory for the PPO step that follows.</summary>
internal sealed class CollectedTrajectories : ITrajectorySink
{
    private readonly ConcurrentQueue<Trajectory> _trajectories = new();

    /// <summary>The trajectories in episode-id order.</summary>
    public IReadOnlyList<Trajectory> Trajectories => [.. _trajectories.OrderBy(trajectory => trajectory.EpisodeId, StringComparer.Ordinal)];

    /// <inheritdoc />
    public Task WriteAsync(Trajectory trajectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        _trajectories.Enqueue(trajectory);
        return Task.CompletedTask;
    }
}
