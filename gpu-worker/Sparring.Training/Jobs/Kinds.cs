using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Training.Jobs;

/// <summary>The names of the kinds of job as messages, training.json and logs write them.</summary>
internal static class Kinds
{
    /// <summary>sft, reward-model or ppo.</summary>
    public static string Name(TrainingKind kind) => kind switch
    {
        TrainingKind.Sft => "sft",
        TrainingKind.RewardModel => "reward-model",
        TrainingKind.Ppo => "ppo",
        _ => throw new PermanentJobFailureException($"unknown kind of training job '{kind}'"),
    };
}
