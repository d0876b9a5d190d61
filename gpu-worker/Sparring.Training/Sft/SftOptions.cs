namespace Sparring.Training.Sft;

/// <summary>Supervised fine-tuning settings.</summary>
public sealed record SftOptions
{
    /// <summary>Passes over the data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Sequences per optimizer step.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Peak learning rate (AdamW).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Final learning rate as a fraction of the peak (cosine decay).</summary>
    public double MinLearningRateFraction { get; init; } = 0.1;

    /// <summary>Steps of linear warm-up.</summary>
    public int WarmupSteps { get; init; } = 20;

    /// <summary>AdamW weight decay.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Gradient norm clip.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed of the shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the settings, naming the one that is wrong.</summary>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentException("sft: epochs must be at least 1", nameof(Epochs));
        if (BatchSize < 1) throw new ArgumentException("sft: batchSize must be at least 1", nameof(BatchSize));
        if (LearningRate is <= 0 or > 1) throw new ArgumentException("sft: learningRate must be in (0, 1]", nameof(LearningRate));
        if (MaxGradNorm <= 0) throw new ArgumentException("sft: maxGradNorm must be positive", nameof(MaxGradNorm));
    }
}
