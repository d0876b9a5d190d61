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
