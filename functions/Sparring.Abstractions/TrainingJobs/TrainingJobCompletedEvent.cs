using System.Text.Json.Serialization;
using Sparring.Abstractions.Storage;

namespace Sparring.Abstractions.TrainingJobs;

/// <summary>
/// What the worker tells a job's <see cref="CompletionTarget"/> when the job ends for good: the body POSTed to the
/// orchestration's raise-event URL (the event payload) and the message sent to a reply queue.
/// </summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Status">Whether the job succeeded.</param>
/// <param name="Checkpoint">The trained checkpoint; none when the job failed.</param>
/// <param name="AlreadyTrained">Whether the checkpoint existed before (a redelivered job).</param>
/// <param name="Error">Why the job failed; none when it succeeded.</param>
public sealed record TrainingJobCompletedEvent(string JobId, TrainingJobStatus Status, ModelReference? Checkpoint, bool AlreadyTrained, string? Error)
{
    /// <summary>The event name an orchestration waits for (the last segment of its raise-event URL).</summary>
    public const string EventName = "TrainingCompleted";
}

/// <summary>How a job ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingJobStatus>))]
public enum TrainingJobStatus
{
    /// <summary>The checkpoint was trained (now or before).</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,

    /// <summary>The job can never succeed or failed every attempt; it was dead-lettered.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

/// <summary>Source-generated JSON for <see cref="TrainingJobCompletedEvent"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TrainingJobCompletedEvent))]
public sealed partial class TrainingJobEventJsonContext : JsonSerializerContext;
