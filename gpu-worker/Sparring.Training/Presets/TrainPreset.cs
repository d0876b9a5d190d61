using Sparring.Training.Model;
using Sparring.Training.Ppo;
using Sparring.Training.Rl;
using Sparring.Training.Sft;

namespace Sparring.Training.Presets;

/// <summary>How big and how long a <c>sparring train</c> run is; the training bench measures the same shapes.</summary>
public sealed record TrainPreset
{
    /// <summary>The preset's name.</summary>
    public required string Name { get; init; }

    /// <summary>The policy's shape (the vocabulary size is the tokenizer's).</summary>
    public required TransformerConfig Model { get; init; }

    /// <summary>Tokenizer vocabulary.</summary>
    public int Vocabulary { get; init; } = 1024;

    /// <summary>SFT settings.</summary>
    public required SftOptions Sft { get; init; }

    /// <summary>The RL algorithm: GRPO unless asked otherwise (docs/training.md says why).</summary>
    public RlAlgorithm Algorithm { get; init; } = RlAlgorithm.Grpo;

    /// <summary>PPO settings, for <see cref="RlAlgorithm.Ppo"/>.</summary>
    public required PpoOptions Ppo { get; init; }

    /// <summary>GRPO and RLOO settings (the algorithm itself is <see cref="Algorithm"/>).</summary>
    public required GroupRelativeOptions GroupRelative { get; init; }

    /// <summary>RL iterations: each plays episodes, then updates the policy once.</summary>
    public required int Iterations { get; init; }

    /// <summary>Episodes per training scenario in each RL iteration: the size of GRPO's and RLOO's groups.</summary>
    public required int RolloutEpisodesPerScenario { get; init; }

    /// <summary>Episodes per held-out scenario in each evaluation.</summary>
    public required int EvalEpisodesPerScenario { get; init; }

    /// <summary>Sampling temperature of rollouts.</summary>
    public float RolloutTemperature { get; init; } = 1f;

    /// <summary>Sampling temperature of evaluations.</summary>
    public float EvalTemperature { get; init; } = 0.7f;

    /// <summary>The RL score of an episode: "dense" (the reward's weighted graders even when a gate fails, halved then) or "spec" (the environment's reward).</summary>
    public string TrainingReward { get; init; } = "dense";

    /// <summary>Most tokens a policy turn may write.</summary>
    public int MaxTurnTokens { get; init; } = 160;

    /// <summary>The presets by name.</summary>
    public static TrainPreset Named(string name) => name switch
    {
        "quick" => new TrainPreset
        {
            Name = "quick",
            Model = new TransformerConfig { VocabularySize = 1024, ContextLength = 1024, Layers = 2, Width = 128, Heads = 4 },
            Sft = new SftOptions { Epochs = 8, BatchSize = 8, LearningRate = 3e-3, WarmupSteps = 10 },
            Ppo = new PpoOptions { LearningRate = 2e-4, Epochs = 2, MiniBatchSize = 8, Lambda = 1.0 },
            GroupRelative = new GroupRelativeOptions { LearningRate = 2e-4, Epochs = 2, MiniBatchSize = 8 },
            Iterations = 3,
            RolloutEpisodesPerScenario = 2,
            EvalEpisodesPerScenario = 2,
        },
        "full" => new TrainPreset
        {
            Name = "full",
            Model = new TransformerConfig { VocabularySize = 1024, ContextLength = 1024, Layers = 4, Width = 120, Heads = 4 },
            Sft = new SftOptions { Epochs = 40, BatchSize = 8, LearningRate = 2e-3, WarmupSteps = 40 },
            // A step of a few large minibatches: with minibatches of 8 episodes the updates were mostly noise, the
            // policy's entropy rose and its reward fell with every iteration.
            Ppo = new PpoOptions { LearningRate = 3e-5, Epochs = 4, MiniBatchSize = 48, Lambda = 1.0 },
            GroupRelative = new GroupRelativeOptions { LearningRate = 3e-5, Epochs = 4, MiniBatchSize = 48 },
            Iterations = 30,
            RolloutEpisodesPerScenario = 4,
            EvalEpisodesPerScenario = 4,
            // Rollouts sample as evaluations do: PPO then improves the behaviour that is measured.
            RolloutTemperature = 0.7f,
        },
        "smoke" => new TrainPreset
        {
            Name = "smoke",
            Model = new TransformerConfig { VocabularySize = 512, ContextLength = 512, Layers = 1, Width = 32, Heads = 2 },
            Vocabulary = 512,
            Sft = new SftOptions { Epochs = 1, BatchSize = 16, LearningRate = 3e-3, WarmupSteps = 2 },
            Ppo = new PpoOptions { LearningRate = 1e-4, Epochs = 1, MiniBatchSize = 16 },
            GroupRelative = new GroupRelativeOptions { LearningRate = 1e-4, Epochs = 1, MiniBatchSize = 16 },
            Iterations = 1,
            // Two a scenario, so GRPO's groups have something to compare.
            RolloutEpisodesPerScenario = 2,
            EvalEpisodesPerScenario = 1,
            MaxTurnTokens = 32,
        },
        _ => throw new ArgumentException($"--preset: unknown preset '{name}': use smoke, quick or full"),
    };
}
