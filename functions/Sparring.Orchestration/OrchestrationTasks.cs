using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Sparring.Orchestration.Activities;
using Sparring.Orchestration.Orchestrators;
using Sparring.Orchestration.Services;

namespace Sparring.Orchestration;

/// <summary>Every orchestrator and activity of an evaluation run by name: what a host registers.</summary>
public static class OrchestrationTasks
{
    /// <summary>Orchestrator name → a new instance.</summary>
    public static IReadOnlyDictionary<string, Func<ITaskOrchestrator>> Orchestrators { get; } = new Dictionary<string, Func<ITaskOrchestrator>>(StringComparer.Ordinal)
    {
        [nameof(EvaluationRunOrchestrator)] = () => new EvaluationRunOrchestrator(),
        [nameof(EpisodeBatchOrchestrator)] = () => new EpisodeBatchOrchestrator(),
        [nameof(NightlyRetrainOrchestrator)] = () => new NightlyRetrainOrchestrator(),
    };

    /// <summary>Activity name → a new instance made with <paramref name="services"/>.</summary>
    public static IReadOnlyDictionary<string, Func<ITaskActivity>> Activities(ActivityServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var activities = new Dictionary<string, Func<ITaskActivity>>(StringComparer.Ordinal)
        {
            [nameof(LoadEnvironmentActivity)] = () => new LoadEnvironmentActivity(services.Environments),
            [nameof(RunEpisodeActivity)] = () => new RunEpisodeActivity(services.Environments, services.Runners, services.Store, services.Meter),
            [nameof(EpisodeAllowanceActivity)] = () => new EpisodeAllowanceActivity(services.Meter),
            [nameof(SaveBatchSummariesActivity)] = () => new SaveBatchSummariesActivity(services.Store),
            [nameof(AggregateActivity)] = () => new AggregateActivity(services.Store),
            [nameof(RejectionSampleActivity)] = () => new RejectionSampleActivity(services.Store),
        };
        if (services.Notifier is { } notifier)
        {
            activities[nameof(NotifyRunCompletedActivity)] = () => new NotifyRunCompletedActivity(notifier);
        }

        return activities;
    }

    /// <summary>The nightly retraining's activity names → new instances; hosts register them beside <see cref="Activities"/>.</summary>
    public static IReadOnlyDictionary<string, Func<ITaskActivity>> NightlyActivities(ActivityServices services, NightlyServices nightly, ILoggerFactory logging)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(nightly);
        ArgumentNullException.ThrowIfNull(logging);
        return new Dictionary<string, Func<ITaskActivity>>(StringComparer.Ordinal)
        {
            [nameof(ListNewTranscriptsActivity)] = () => new ListNewTranscriptsActivity(nightly, logging.CreateLogger<ListNewTranscriptsActivity>()),
            [nameof(IngestTranscriptsActivity)] = () => new IngestTranscriptsActivity(nightly),
            [nameof(ResolveCurrentPolicyActivity)] = () => new ResolveCurrentPolicyActivity(nightly),
            [nameof(ResolvePolicyNameActivity)] = () => new ResolvePolicyNameActivity(nightly),
            [nameof(SubmitTrainingJobActivity)] = () => new SubmitTrainingJobActivity(nightly),
            [nameof(PromotionGateActivity)] = () => new PromotionGateActivity(services.Environments, services.Store),
            [nameof(PromoteActivity)] = () => new PromoteActivity(nightly),
            [nameof(CompleteNightlyActivity)] = () => new CompleteNightlyActivity(nightly, services.Store),
            [nameof(MeasureFidelityActivity)] = () => new MeasureFidelityActivity(nightly, services.Store),
        };
    }
}
