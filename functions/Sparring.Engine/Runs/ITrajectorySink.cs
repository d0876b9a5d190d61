using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Runs;

/// <summary>Where a run puts its trajectories (a JSONL file locally, Blob storage in the cloud).</summary>
public interface ITrajectorySink
{
    /// <summary>Stores a trajectory; called once per episode, possibly from several threads.</summary>
    Task WriteAsync(Trajectory trajectory, CancellationToken cancellationToken);
}
