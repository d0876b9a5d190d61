using System.Text.Json.Serialization;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Orchestration.Contracts;

/// <summary>Source-generated JSON for everything orchestrations pass around or store.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EvaluationRunRequest))]
[JsonSerializable(typeof(EvaluationRunResult))]
[JsonSerializable(typeof(EnvironmentOutline))]
[JsonSerializable(typeof(LoadEnvironmentRequest))]
[JsonSerializable(typeof(EpisodeBatchRequest))]
[JsonSerializable(typeof(RunEpisodeRequest))]
[JsonSerializable(typeof(BatchOutcome))]
[JsonSerializable(typeof(SaveBatchSummariesRequest))]
[JsonSerializable(typeof(RunProgressStatus))]
[JsonSerializable(typeof(AggregateRequest))]
[JsonSerializable(typeof(RejectionSampleRequest))]
[JsonSerializable(typeof(DatasetManifest))]
[JsonSerializable(typeof(EpisodeSummary))]
[JsonSerializable(typeof(IReadOnlyList<EpisodeSummary>))]
[JsonSerializable(typeof(RunReport))]
[JsonSerializable(typeof(DatasetLine))]
[JsonSerializable(typeof(NightlyRetrainRequest))]
[JsonSerializable(typeof(NightlyReport))]
[JsonSerializable(typeof(NewTranscriptsRequest))]
[JsonSerializable(typeof(NewTranscripts))]
[JsonSerializable(typeof(NightlyWatermark))]
[JsonSerializable(typeof(TranscriptIngestionRequest))]
[JsonSerializable(typeof(TranscriptIngestionResult))]
[JsonSerializable(typeof(CurrentPolicyRequest))]
[JsonSerializable(typeof(CurrentPolicy))]
[JsonSerializable(typeof(PolicyNameRequest))]
[JsonSerializable(typeof(TrainingSubmission))]
[JsonSerializable(typeof(PromotionGateRequest))]
[JsonSerializable(typeof(PromotionDecision))]
[JsonSerializable(typeof(PromoteRequest))]
[JsonSerializable(typeof(NightlyCompletion))]
[JsonSerializable(typeof(FidelityRequest))]
[JsonSerializable(typeof(double?))]
[JsonSerializable(typeof(Sparring.Abstractions.TrainingJobs.TrainingJobCompletedEvent))]
[JsonSerializable(typeof(RunCompletionNotice))]
[JsonSerializable(typeof(EpisodeAllowanceRequest))]
[JsonSerializable(typeof(EpisodeAllowance))]
// The Durable shims wrap activity inputs in an object array and read them back as JSON elements.
[JsonSerializable(typeof(object[]))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
public sealed partial class OrchestrationJsonContext : JsonSerializerContext;

/// <summary>One line of dataset.jsonl: a conversation in the OpenAI chat fine-tuning format.</summary>
public sealed record DatasetLine([property: JsonPropertyName("messages")] IReadOnlyList<ChatMessageRecord> Messages);
