using System.Text.Json;
using System.Text.Json.Serialization;
using Sparring.Abstractions.Storage;

namespace Sparring.Abstractions.TrainingJobs;

/// <summary>A training job as sent on the "training-jobs" queue; readers reject schema versions they do not know.</summary>
public sealed record TrainingJob
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>Schema version of the message.</summary>
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Unique job id; a job is trained at most once (its output checkpoint makes a redelivery a no-op).</summary>
    public required string JobId { get; init; }

    /// <summary>The tenant the job trains for.</summary>
    public required string Tenant { get; init; }

    /// <summary>What to train.</summary>
    public required TrainingKind Kind { get; init; }

    /// <summary>The environment PPO rollouts play, and whose graders score them.</summary>
    public required EnvironmentReference Environment { get; init; }

    /// <summary>The checkpoint to start from; none trains from scratch.</summary>
    public ModelReference? BaseCheckpoint { get; init; }

    /// <summary>Where the trained checkpoint goes: {tenant}/models/{name}/{version}/.</summary>
    public required ModelReference Output { get; init; }

    /// <summary>Training data: transcript files or runs whose dataset.jsonl to use.</summary>
    public IReadOnlyList<DatasetReference> Datasets { get; init; } = [];

    /// <summary>Trainer settings by name (learning rate, epochs, KL coefficient, …); unknown names are refused by the trainer.</summary>
    public IReadOnlyDictionary<string, JsonElement> Hyperparameters { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Whom to tell when the job ends.</summary>
    public CompletionTarget? Completion { get; init; }
}

/// <summary>The kinds of training a worker does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingKind>))]
public enum TrainingKind
{
    /// <summary>Supervised fine-tuning on chat transcripts.</summary>
    [JsonStringEnumMemberName("sft")] Sft,

    /// <summary>A reward model distilled from graded trajectories.</summary>
    [JsonStringEnumMemberName("reward-model")] RewardModel,

    /// <summary>Proximal policy optimization on episodes of the environment.</summary>
    [JsonStringEnumMemberName("ppo")] Ppo,
}

/// <summary>Training data: a file in the tenant's storage (transcripts) or a run whose dataset.jsonl is used.</summary>
public sealed record DatasetReference(string? Path = null, string? RunId = null);

/// <summary>Whom to tell: the orchestration's raise-event URL, or a reply queue.</summary>
public sealed record CompletionTarget(Uri? RaiseEventUrl = null, string? ReplyQueue = null);

/// <summary>Source-generated JSON for training-job messages.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(TrainingJob))]
public sealed partial class TrainingJobJsonContext : JsonSerializerContext;
