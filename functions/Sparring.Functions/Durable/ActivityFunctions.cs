using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Sparring.Abstractions.Metering;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Trajectories;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Contracts;

namespace Sparring.Functions.Durable;

/// <summary>
/// The orchestration library's activities as Functions activity triggers, named as the library calls them. Each takes
/// its activity class from the container and lets every exception through, so Durable's retry policy sees it.
/// </summary>
public static class ActivityFunctions
{
    /// <summary>Loads and validates the run's environment.</summary>
    [Function(nameof(LoadEnvironmentActivity))]
    public static Task<EnvironmentOutline> LoadEnvironment([ActivityTrigger] LoadEnvironmentRequest input, string instanceId, FunctionContext context) =>
        Run<LoadEnvironmentActivity, LoadEnvironmentRequest, EnvironmentOutline>(context, instanceId, input);

    /// <summary>Runs one episode and stores its trajectory.</summary>
    [Function(nameof(RunEpisodeActivity))]
    public static Task<EpisodeSummary> RunEpisode([ActivityTrigger] RunEpisodeRequest input, string instanceId, FunctionContext context) =>
        Run<RunEpisodeActivity, RunEpisodeRequest, EpisodeSummary>(context, instanceId, input);

    /// <summary>Reads the tenant's episode quota and this month's use, before the run schedules a batch.</summary>
    [Function(nameof(EpisodeAllowanceActivity))]
    public static Task<EpisodeAllowance> EpisodeAllowance([ActivityTrigger] EpisodeAllowanceRequest input, string instanceId, FunctionContext context) =>
        Run<EpisodeAllowanceActivity, EpisodeAllowanceRequest, EpisodeAllowance>(context, instanceId, input);

    /// <summary>Stores a batch's episode summaries.</summary>
    [Function(nameof(SaveBatchSummariesActivity))]
    public static Task<int> SaveBatchSummaries([ActivityTrigger] SaveBatchSummariesRequest input, string instanceId, FunctionContext context) =>
        Run<SaveBatchSummariesActivity, SaveBatchSummariesRequest, int>(context, instanceId, input);

    /// <summary>Writes report.json and the compacted trajectories.</summary>
    [Function(nameof(AggregateActivity))]
    public static Task<RunReport> Aggregate([ActivityTrigger] AggregateRequest input, string instanceId, FunctionContext context) =>
        Run<AggregateActivity, AggregateRequest, RunReport>(context, instanceId, input);

    /// <summary>Writes dataset.jsonl and its manifest.</summary>
    [Function(nameof(RejectionSampleActivity))]
    public static Task<DatasetManifest> RejectionSample([ActivityTrigger] RejectionSampleRequest input, string instanceId, FunctionContext context) =>
        Run<RejectionSampleActivity, RejectionSampleRequest, DatasetManifest>(context, instanceId, input);

    /// <summary>The transcript files of the days after the nightly watermark.</summary>
    [Function(nameof(ListNewTranscriptsActivity))]
    public static Task<NewTranscripts> ListNewTranscripts([ActivityTrigger] NewTranscriptsRequest input, string instanceId, FunctionContext context) =>
        Run<ListNewTranscriptsActivity, NewTranscriptsRequest, NewTranscripts>(context, instanceId, input);

    /// <summary>Parses, redacts and grounds the nightly run's transcripts.</summary>
    [Function(nameof(IngestTranscriptsActivity))]
    public static Task<TranscriptIngestionResult> IngestTranscripts([ActivityTrigger] TranscriptIngestionRequest input, string instanceId, FunctionContext context) =>
        Run<IngestTranscriptsActivity, TranscriptIngestionRequest, TranscriptIngestionResult>(context, instanceId, input);

    /// <summary>The policy model's current checkpoint and its policy name.</summary>
    [Function(nameof(ResolveCurrentPolicyActivity))]
    public static Task<CurrentPolicy> ResolveCurrentPolicy([ActivityTrigger] CurrentPolicyRequest input, string instanceId, FunctionContext context) =>
        Run<ResolveCurrentPolicyActivity, CurrentPolicyRequest, CurrentPolicy>(context, instanceId, input);

    /// <summary>The policy name of a trained candidate.</summary>
    [Function(nameof(ResolvePolicyNameActivity))]
    public static Task<string> ResolvePolicyName([ActivityTrigger] PolicyNameRequest input, string instanceId, FunctionContext context) =>
        Run<ResolvePolicyNameActivity, PolicyNameRequest, string>(context, instanceId, input);

    /// <summary>Sends the nightly training job to the workers.</summary>
    [Function(nameof(SubmitTrainingJobActivity))]
    public static Task<string> SubmitTrainingJob([ActivityTrigger] TrainingSubmission input, string instanceId, FunctionContext context) =>
        Run<SubmitTrainingJobActivity, TrainingSubmission, string>(context, instanceId, input);

    /// <summary>Compares the candidate's and the current policy's held-out evaluations.</summary>
    [Function(nameof(PromotionGateActivity))]
    public static Task<PromotionDecision> PromotionGate([ActivityTrigger] PromotionGateRequest input, string instanceId, FunctionContext context) =>
        Run<PromotionGateActivity, PromotionGateRequest, PromotionDecision>(context, instanceId, input);

    /// <summary>Moves the model's current pointer to the candidate.</summary>
    [Function(nameof(PromoteActivity))]
    public static Task<string> Promote([ActivityTrigger] PromoteRequest input, string instanceId, FunctionContext context) =>
        Run<PromoteActivity, PromoteRequest, string>(context, instanceId, input);

    /// <summary>Stores the nightly report and advances the watermark.</summary>
    [Function(nameof(CompleteNightlyActivity))]
    public static Task<string> CompleteNightly([ActivityTrigger] NightlyCompletion input, string instanceId, FunctionContext context) =>
        Run<CompleteNightlyActivity, NightlyCompletion, string>(context, instanceId, input);

    /// <summary>Scores the grounded users' conversations against the real transcripts.</summary>
    [Function(nameof(MeasureFidelityActivity))]
    public static Task<double?> MeasureFidelity([ActivityTrigger] FidelityRequest input, string instanceId, FunctionContext context) =>
        Run<MeasureFidelityActivity, FidelityRequest, double?>(context, instanceId, input);

    /// <summary>One attempt at the run's signed completion callback.</summary>
    [Function(nameof(NotifyRunCompletedActivity))]
    public static Task<string> NotifyRunCompleted([ActivityTrigger] RunCompletionNotice input, string instanceId, FunctionContext context) =>
        Run<NotifyRunCompletedActivity, RunCompletionNotice, string>(context, instanceId, input);

    private static Task<TOutput> Run<TActivity, TInput, TOutput>(FunctionContext context, string instanceId, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.InstanceServices.GetRequiredService<TActivity>();
        return activity.RunAsync(new FunctionActivityContext(typeof(TActivity).Name, instanceId), input);
    }
}
