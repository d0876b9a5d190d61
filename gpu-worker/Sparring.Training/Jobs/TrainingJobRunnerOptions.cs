namespace Sparring.Training.Jobs;

/// <summary>Where a <see cref="TrainingJobRunner"/> works and on which device it trains.</summary>
public sealed record TrainingJobRunnerOptions
{
    /// <summary>Local scratch space: downloaded checkpoints, the checkpoint being written; one subfolder per job, deleted when it ends.</summary>
    public string WorkFolder { get; init; } = Path.Combine(Path.GetTempPath(), "sparring", "training");

    /// <summary>auto (CUDA when libtorch sees a GPU, else the CPU), cpu, cuda or cuda:&lt;index&gt;.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Most episodes a PPO rollout generates for at once (the generation batch).</summary>
    public int MaxGenerationBatch { get; init; } = 64;
}
