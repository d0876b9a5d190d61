using Sparring.Training.Ppo;

namespace Sparring.Training.Rl;

/// <summary>An RL trainer: one update of the policy per batch of scored episodes, its metrics under TRL's names.</summary>
public interface IRlTrainer : IDisposable
{
    /// <summary>The algorithm it runs.</summary>
    RlAlgorithm Algorithm { get; }

    /// <summary>Steps done.</summary>
    int Steps { get; }

    /// <summary>One step on a batch of episodes; returns the step's metrics (metrics.jsonl's line).</summary>
    IReadOnlyDictionary<string, double> Step(IReadOnlyList<PpoEpisode> episodes, CancellationToken cancellationToken);
}
