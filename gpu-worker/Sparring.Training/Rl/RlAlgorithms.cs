namespace Sparring.Training.Rl;

/// <summary>The algorithms' names as options, hyperparameters, checkpoints and reports write them.</summary>
public static class RlAlgorithms
{
    /// <summary>The names accepted, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["grpo", "rloo", "ppo"];

    /// <summary>grpo, rloo or ppo.</summary>
    public static string Name(RlAlgorithm algorithm) => algorithm switch
    {
        RlAlgorithm.Grpo => "grpo",
        RlAlgorithm.Rloo => "rloo",
        RlAlgorithm.Ppo => "ppo",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown RL algorithm"),
    };

    /// <summary>The name in capitals, for people: GRPO, RLOO or PPO.</summary>
    public static string Label(RlAlgorithm algorithm) => Name(algorithm).ToUpperInvariant();

    /// <summary>The algorithm of a name.</summary>
    /// <exception cref="ArgumentException">The name is none of <see cref="Names"/>.</exception>
    public static RlAlgorithm Parse(string name) => name switch
    {
        "grpo" => RlAlgorithm.Grpo,
        "rloo" => RlAlgorithm.Rloo,
        "ppo" => RlAlgorithm.Ppo,
        _ => throw new ArgumentException($"unknown RL algorithm '{name}': use {string.Join(", ", Names)}", nameof(name)),
    };
}
