using System.Text.Json.Serialization;

namespace Sparring.Cli.Training;

/// <summary>train-report.json: what a train run did and how well each policy did on held-out scenarios.</summary>
internal sealed record TrainReport
{
    public required string TrainId { get; init; }

    public required string Environment { get; init; }

    public required string Preset { get; init; }

    public required long Parameters { get; init; }

    public required string ModelShape { get; init; }

    public required string TrainingReward { get; init; }

    /// <summary>The RL algorithm: grpo, rloo or ppo.</summary>
    public required string Algorithm { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public double Seconds { get; set; }

    public TrainSftSummary? Sft { get; set; }

    public TrainEvaluation? SftEvaluation { get; set; }

    public List<TrainIteration> Iterations { get; init; } = [];

    /// <summary>The RL policy's evaluation; stored under its first name, which report.html reads.</summary>
    [JsonPropertyName("ppoEvaluation")]
    public TrainEvaluation? RlEvaluation { get; set; }

    public TrainBaseline? Baseline { get; set; }

    public List<string> Checkpoints { get; init; } = [];
}

/// <summary>What SFT did.</summary>
internal sealed record TrainSftSummary(int Conversations, int Windows, long Tokens, int Steps, double FirstEpochLoss, double LastEpochLoss, double? ValidationLoss, double Seconds, double TokensPerSecond);

/// <summary>A policy's evaluation on the held-out scenarios.</summary>
internal sealed record TrainEvaluation(string RunId, string Split, int Episodes, double MeanReward, double SuccessRate, double ContainmentRate, IReadOnlyDictionary<string, int> Terminations);

/// <summary>A bigger policy trained by SFT alone on the same transcripts, and its evaluation.</summary>
internal sealed record TrainBaseline(long Parameters, string ModelShape, string Checkpoint, TrainSftSummary Sft, TrainEvaluation Evaluation);

/// <summary>One RL iteration: its rollouts and its update (<see cref="Sparring.Training.Rl.RlStepSummary"/>).</summary>
internal sealed record TrainIteration(
    int Iteration,
    string RunId,
    int Episodes,
    double MeanReward,
    double TrainingReward,
    double ContainmentRate,
    double Kl,
    double Entropy,
    double KlCoefficient,
    double ClipFraction,
    double? ValueLoss,
    double? ZeroStdGroupShare,
    double RolloutSeconds,
    double UpdateSeconds);

/// <summary>Source-generated JSON of the train report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(TrainReport))]
internal sealed partial class TrainReportJsonContext : JsonSerializerContext;
