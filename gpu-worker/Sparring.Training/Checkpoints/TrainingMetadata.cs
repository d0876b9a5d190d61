namespace Sparring.Training.Checkpoints;

/// <summary>The training.json of a checkpoint: how it was made.</summary>
public sealed record TrainingMetadata
{
    /// <summary>sft, grpo, rloo, ppo (the RL algorithm that made it), reward-model or init.</summary>
    public required string Kind { get; init; }

    /// <summary>When the checkpoint was written.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The job that trained it, if a job did.</summary>
    public string? JobId { get; init; }

    /// <summary>The checkpoint it started from ("name@version"), if any.</summary>
    public string? BaseCheckpoint { get; init; }

    /// <summary>Optimizer steps taken.</summary>
    public long Steps { get; init; }

    /// <summary>Training tokens seen.</summary>
    public long Tokens { get; init; }

    /// <summary>Whether the job finished; false in a checkpoint saved to resume an interrupted job.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>What the data was (files, runs, environment).</summary>
    public IReadOnlyList<string> Data { get; init; } = [];

    /// <summary>Final values of the training metrics.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
}
