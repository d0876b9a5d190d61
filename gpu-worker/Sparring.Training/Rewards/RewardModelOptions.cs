namespace Sparring.Training.Rewards;

/// <summary>Reward model training settings.</summary>
public sealed record RewardModelOptions
{
    /// <summary>Passes over the training conversations.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Conversations per optimizer step.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Peak learning rate (AdamW).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Final learning rate as a fraction of the peak (cosine decay).</summary>
    public double MinLearningRateFraction { get; init; } = 0.1;

    /// <summary>Steps of linear warm-up.</summary>
    public int WarmupSteps { get; init; } = 10;

    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Gradient norm clip.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Share of the conversations held out to measure agreement with the judge.</summary>
    public double Holdout { get; init; } = 0.2;

    /// <summary>Seed of the held-out split and the shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the settings, naming the one that is wrong.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException("reward model: epochs must be at least 1", nameof(Epochs));
        if (BatchSize < 1) throw new ArgumentException("reward model: batchSize must be at least 1", nameof(BatchSize));
        if (LearningRate is <= 0 or > 1) throw new ArgumentException("reward model: learningRate must be in (0, 1]", nameof(LearningRate));
        if (MaxGradNorm <= 0) throw new ArgumentException("reward model: maxGradNorm must be positive", nameof(MaxGradNorm));
        if (Holdout is < 0 or >= 1) throw new ArgumentException("reward model: holdout must be in [0, 1)", nameof(Holdout));
    }
}
