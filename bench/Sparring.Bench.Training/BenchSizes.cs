namespace Sparring.Bench.Training;

/// <summary>How much work each measurement does.</summary>
internal sealed record BenchSizes
{
    /// <summary>Prompt tokens of each generation request (about: they vary by 4 %).</summary>
    public int PromptTokens { get; init; } = 500;

    /// <summary>New tokens each generation request draws (no stop token ends one early).</summary>
    public int NewTokens { get; init; } = 64;

    /// <summary>Batch sizes of the generation measurements.</summary>
    public IReadOnlyList<int> GenerationBatches { get; init; } = [1, 32];

    /// <summary>Sequences per SFT step.</summary>
    public int SftBatch { get; init; } = 8;

    /// <summary>Tokens of each SFT sequence.</summary>
    public int SftTokens { get; init; } = 1024;

    /// <summary>Timed SFT steps (after one warm-up step).</summary>
    public int SftSteps { get; init; } = 3;

    /// <summary>Episodes of each PPO step.</summary>
    public int PpoEpisodes { get; init; } = 64;

    /// <summary>Tokens of each episode (about: they vary by 14 %).</summary>
    public int EpisodeTokens { get; init; } = 700;

    /// <summary>Timed PPO steps (after one warm-up step on one minibatch).</summary>
    public int PpoSteps { get; init; } = 1;

    /// <summary>The sizes for the options: full runs, or <see cref="BenchOptions.Quick"/> ones.</summary>
    public static BenchSizes For(BenchOptions options) => options.Quick
        ? new BenchSizes { NewTokens = 8, GenerationBatches = [1, Math.Min(options.GenerationBatch, 4)], SftSteps = 1, PpoEpisodes = 8 }
        : new BenchSizes { GenerationBatches = options.GenerationBatch == 1 ? [1] : [1, options.GenerationBatch] };
}
