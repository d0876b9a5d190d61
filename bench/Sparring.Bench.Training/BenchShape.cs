using Sparring.Training.Model;
using Sparring.Training.Ppo;

namespace Sparring.Bench.Training;

/// <summary>A model shape and the PPO settings that go with it.</summary>
/// <param name="Name">The train preset it copies.</param>
/// <param name="Model">The policy's shape.</param>
/// <param name="Ppo">The preset's PPO settings (epochs and minibatch size set the update's cost).</param>
internal sealed record BenchShape(string Name, TransformerConfig Model, PpoOptions Ppo)
{
    // The same numbers as functions/Sparring.Cli/Training/TrainPreset.cs (internal to the CLI); keep them in step.

    /// <summary>The "quick" preset: 3 layers, width 128.</summary>
    public static BenchShape QuickPreset { get; } = new(
        "quick",
        new TransformerConfig { VocabularySize = 1024, ContextLength = 1024, Layers = 2, Width = 128, Heads = 4 },
        new PpoOptions { LearningRate = 5e-5, Epochs = 2, MiniBatchSize = 8 });

    /// <summary>The "full" preset: 4 layers, width 120.</summary>
    public static BenchShape FullPreset { get; } = new(
        "full",
        new TransformerConfig { VocabularySize = 1024, ContextLength = 1024, Layers = 4, Width = 120, Heads = 4 },
        new PpoOptions { LearningRate = 5e-5, Epochs = 4, MiniBatchSize = 8 });

    /// <summary>Both shapes.</summary>
    public static IReadOnlyList<BenchShape> All { get; } = [QuickPreset, FullPreset];
}
