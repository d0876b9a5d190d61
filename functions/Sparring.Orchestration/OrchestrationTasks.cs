using Microsoft.DurableTask;
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
    };

    /// <summary>Activity name → a new instance made with <paramref name="services"/>.</summary>
    public static IReadOnlyDictionary<string, Func<ITaskActivity>> Activities(ActivityServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new Dictionary<string, Func<ITaskActivity>>(StringComparer.Ordinal)
        {
            [nameof(LoadEnvironmentActivity)] = () => new LoadEnvironmentActivity(services.Environments),
            [nameof(RunEpisodeActivity)] = () => new RunEpisodeActivity(services.Environments, services.Runners, services.Store, services.Meter),
            [nameof(EpisodeAllowanceActivity)] = () => new EpisodeAllowanceActivity(services.Meter),
            [nameof(SaveBatchSummariesActivity)] = () => new SaveBatchSummariesActivity(services.Store),
            [nameof(AggregateActivity)] = () => new AggregateActivity(services.Store),
            [nameof(RejectionSampleActivity)] = () => new RejectionSampleActivity(services.Store),
        };
    }
}
