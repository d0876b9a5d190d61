namespace Sparring.Training.Ppo;

/// <summary>PPO settings; names and defaults follow TRL where a tiny policy trained from scratch does not need otherwise.</summary>
public sealed record PpoOptions
{
    /// <summary>AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Passes over each batch of episodes (TRL: num_ppo_epochs).</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Episodes per gradient step.</summary>
    public int MiniBatchSize { get; init; } = 8;

    /// <summary>
    /// Episodes per forward and backward pass: a minibatch larger than this accumulates its gradient over several passes
    /// (TRL: gradient_accumulation_steps), so memory follows this and the gradient's noise follows <see cref="MiniBatchSize"/>.
    /// </summary>
    public int MicroBatchSize { get; init; } = 8;

    /// <summary>Clip range of the policy ratio (TRL: cliprange).</summary>
    public double ClipRange { get; init; } = 0.2;

    /// <summary>Clip range of the value update (TRL: cliprange_value).</summary>
    public double ClipRangeValue { get; init; } = 0.2;

    /// <summary>
    /// Train the value head on the policy's features without letting its loss reach the shared trunk. The value of a
    /// sparse, noisy episode score is mostly unexplainable early on (explained variance about 0); its gradient through the
    /// trunk moved the policy in directions that had nothing to do with the reward.
    /// </summary>
    public bool DetachValueHead { get; init; } = true;

    /// <summary>Weight of the value loss (TRL: vf_coef).</summary>
    public double ValueCoefficient { get; init; } = 0.1;

    /// <summary>Discount over the policy's tokens.</summary>
    public double Gamma { get; init; } = 1.0;

    /// <summary>GAE lambda (TRL: lam).</summary>
    public double Lambda { get; init; } = 0.95;

    /// <summary>Starting coefficient of the per-token KL penalty against the reference.</summary>
    public double InitialKlCoefficient { get; init; } = 0.05;

    /// <summary>Adapt the KL coefficient towards <see cref="TargetKl"/> (Ziegler et al.'s controller).</summary>
    public bool AdaptiveKl { get; init; } = true;

    /// <summary>The KL (summed over an episode's tokens) the adaptive controller aims at.</summary>
    public double TargetKl { get; init; } = 6.0;

    /// <summary>Horizon of the adaptive controller, in episodes.</summary>
    public double KlHorizon { get; init; } = 10000;

    /// <summary>
    /// Divide episode scores by their running standard deviation. Rewards in 0–1 against a per-token KL penalty summed
    /// over hundreds of tokens teach nothing; scaled to unit variance they do.
    /// </summary>
    public bool ScaleRewards { get; init; } = true;

    /// <summary>Subtract the batch mean from the scores as well, so only better-than-usual episodes are reinforced.</summary>
    public bool WhitenRewards { get; init; } = true;

    /// <summary>
    /// With <see cref="WhitenRewards"/>, subtract the mean score of the episode's other episodes of the same group (its
    /// scenario: RLOO's leave-one-out baseline) instead of the batch mean. A scenario the policy always passes or always
    /// fails then teaches nothing, rather than reinforcing or punishing whatever its episodes happened to say; episodes
    /// alone in their group fall back to the batch mean.
    /// </summary>
    public bool GroupBaseline { get; init; } = true;

    /// <summary>
    /// The sampling temperature of the rollouts: log-probabilities of the policy and the reference are taken from
    /// logits divided by it, so the ratios and the KL are those of the distribution the actions were drawn from.
    /// </summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Scaled scores are clipped to ± this.</summary>
    public double RewardClip { get; init; } = 5.0;

    /// <summary>
    /// Early stop: the step ends its epochs when a minibatch's approximate KL from the rollout policy passes this
    /// (OpenAI Spinning Up's target_kl); 0 turns it off. Many small updates keep the policy where its samples say
    /// something about it.
    /// </summary>
    public double MaxApproxKl { get; init; } = 0.02;

    /// <summary>Gradient norm clip.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed of the minibatch shuffling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the settings, naming the one that is wrong.</summary>
    public void Validate()
    {
        if (LearningRate is <= 0 or > 1) throw new ArgumentException("ppo: learningRate must be in (0, 1]", nameof(LearningRate));
        if (Epochs < 1) throw new ArgumentException("ppo: epochs must be at least 1", nameof(Epochs));
        if (MiniBatchSize < 1) throw new ArgumentException("ppo: miniBatchSize must be at least 1", nameof(MiniBatchSize));
        if (MicroBatchSize < 1) throw new ArgumentException("ppo: microBatchSize must be at least 1", nameof(MicroBatchSize));
        if (ClipRange <= 0 || ClipRangeValue <= 0) throw new ArgumentException("ppo: clipRange and clipRangeValue must be positive", nameof(ClipRange));
        if (Gamma is <= 0 or > 1 || Lambda is < 0 or > 1) throw new ArgumentException("ppo: gamma must be in (0, 1] and lambda in [0, 1]", nameof(Gamma));
        if (Temperature <= 0) throw new ArgumentException("ppo: temperature must be positive", nameof(Temperature));
        if (MaxApproxKl < 0) throw new ArgumentException("ppo: maxApproxKl must be ≥ 0 (0 turns early stopping off)", nameof(MaxApproxKl));
        if (InitialKlCoefficient < 0 || TargetKl <= 0) throw new ArgumentException("ppo: initialKlCoefficient must be ≥ 0 and targetKl > 0", nameof(InitialKlCoefficient));
    }
}
