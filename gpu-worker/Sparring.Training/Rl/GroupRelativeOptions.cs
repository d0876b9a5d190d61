namespace Sparring.Training.Rl;

/// <summary>Settings of the critic-free trainers (GRPO, RLOO); names follow TRL's GRPOConfig where it has one.</summary>
public sealed record GroupRelativeOptions
{
    /// <summary><see cref="RlAlgorithm.Grpo"/> or <see cref="RlAlgorithm.Rloo"/>: the group's baseline and the default scaling.</summary>
    public RlAlgorithm Algorithm { get; init; } = RlAlgorithm.Grpo;

    /// <summary>AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Passes over each batch of episodes (TRL: num_iterations).</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Episodes per gradient step.</summary>
    public int MiniBatchSize { get; init; } = 8;

    /// <summary>Episodes per forward and backward pass; a larger minibatch accumulates its gradient over several.</summary>
    public int MicroBatchSize { get; init; } = 8;

    /// <summary>Clip range of the importance ratio below 1 (TRL: epsilon).</summary>
    public double ClipRange { get; init; } = 0.2;

    /// <summary>Clip range above 1 (TRL: epsilon_high, DAPO's clip-higher); null: <see cref="ClipRange"/>.</summary>
    public double? ClipRangeHigh { get; init; }

    /// <summary>
    /// Coefficient of the KL to the reference, a loss term (TRL: beta); 0 leaves the reference out. DeepSeekMath's 0.04:
    /// the SFT policy is the only one that knows the environment's language, and the full preset's PPO lost half its
    /// reward when the policy drifted from it.
    /// </summary>
    public double Beta { get; init; } = 0.04;

    /// <summary>What advantages are divided by; null: the algorithm's own (group for GRPO, batch for RLOO).</summary>
    public AdvantageScaling? Scaling { get; init; }

    /// <summary>The rollouts' sampling temperature: log-probabilities come from logits divided by it.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Early stop: the step ends its epochs when a minibatch's approximate KL from the rollout policy passes this; 0 turns it off.</summary>
    public double MaxApproxKl { get; init; } = 0.02;

    /// <summary>Gradient norm clip.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed of the minibatch shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The scaling in force. GRPO's group standard deviation gives every group with any spread the same push, so a rare
    /// success in a scenario the policy nearly always fails counts in full; RLOO's leave-one-out baseline is unbiased,
    /// and one batch-wide scale keeps that direction while giving its steps the unit scale the learning rates assume.
    /// </summary>
    public AdvantageScaling EffectiveScaling => Scaling ?? (Algorithm == RlAlgorithm.Rloo ? AdvantageScaling.Batch : AdvantageScaling.Group);

    /// <summary>The clip range above 1 in force.</summary>
    public double EffectiveClipRangeHigh => ClipRangeHigh ?? ClipRange;

    /// <summary>Checks the settings, naming the one that is wrong.</summary>
    public void Validate()
    {
        var name = RlAlgorithms.Name(Algorithm);
        if (Algorithm == RlAlgorithm.Ppo) throw new ArgumentException("ppo is not critic-free: use PpoOptions and PpoTrainer", nameof(Algorithm));
        if (LearningRate is <= 0 or > 1) throw new ArgumentException($"{name}: learningRate must be in (0, 1]", nameof(LearningRate));
        if (Epochs < 1) throw new ArgumentException($"{name}: epochs must be at least 1", nameof(Epochs));
        if (MiniBatchSize < 1) throw new ArgumentException($"{name}: miniBatchSize must be at least 1", nameof(MiniBatchSize));
        if (MicroBatchSize < 1) throw new ArgumentException($"{name}: microBatchSize must be at least 1", nameof(MicroBatchSize));
        if (ClipRange <= 0 || ClipRange >= 1) throw new ArgumentException($"{name}: clipRange must be in (0, 1)", nameof(ClipRange));
        if (ClipRangeHigh is <= 0) throw new ArgumentException($"{name}: clipRangeHigh must be positive", nameof(ClipRangeHigh));
        if (Beta < 0 || !double.IsFinite(Beta)) throw new ArgumentException($"{name}: beta must be ≥ 0 (0 leaves the reference out)", nameof(Beta));
        if (Temperature <= 0) throw new ArgumentException($"{name}: temperature must be positive", nameof(Temperature));
        if (MaxApproxKl < 0) throw new ArgumentException($"{name}: maxApproxKl must be ≥ 0 (0 turns early stopping off)", nameof(MaxApproxKl));
        if (MaxGradNorm <= 0) throw new ArgumentException($"{name}: maxGradNorm must be positive", nameof(MaxGradNorm));
    }
}
