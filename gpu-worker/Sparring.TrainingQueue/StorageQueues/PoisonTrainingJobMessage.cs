using System.Text.Json.Serialization;

namespace Sparring.TrainingQueue.StorageQueues;

/// <summary>The envelope a dead-lettered message is written in on the poison queue (plain UTF-8 JSON).</summary>
/// <param name="MessageId">The original message's id.</param>
/// <param name="DeliveryCount">How many times it was delivered.</param>
/// <param name="Reason">MalformedJob, PermanentFailure or MaxAttemptsExceeded.</param>
/// <param name="Description">What went wrong.</param>
/// <param name="DeadLetteredAt">When it was moved.</param>
/// <param name="Body">The original message body, as it was on the queue.</param>
public sealed record PoisonTrainingJobMessage(string MessageId, int DeliveryCount, string Reason, string Description, DateTimeOffset DeadLetteredAt, string Body);

/// <summary>Source-generated JSON for the poison queue's envelope.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PoisonTrainingJobMessage))]
public sealed partial class StorageQueueJsonContext : JsonSerializerContext;
