using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Orchestrators;

namespace Sparring.Functions.Durable;

/// <summary>
/// The orchestration library's orchestrators as Functions orchestration triggers, named as the library calls them.
/// Each replay gets a fresh instance, as the class-based orchestrators expect.
/// </summary>
public static class OrchestratorFunctions
{
    /// <summary>An evaluation run.</summary>
    [Function(nameof(EvaluationRunOrchestrator))]
    public static Task<EvaluationRunResult> EvaluationRun([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new EvaluationRunOrchestrator().RunAsync(context, Input<EvaluationRunRequest>(context));
    }

    /// <summary>One batch of a run's episodes.</summary>
    [Function(nameof(EpisodeBatchOrchestrator))]
    public static Task<BatchOutcome> EpisodeBatch([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new EpisodeBatchOrchestrator().RunAsync(context, Input<EpisodeBatchRequest>(context));
    }

    /// <summary>A nightly retraining of one tenant's policy.</summary>
    [Function(nameof(NightlyRetrainOrchestrator))]
    public static Task<NightlyReport> NightlyRetrain([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new NightlyRetrainOrchestrator().RunAsync(context, Input<NightlyRetrainRequest>(context));
    }

    private static T Input<T>(TaskOrchestrationContext context) =>
        context.GetInput<T>() ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} ({context.Name}) has no input: it needs a {typeof(T).Name}.");
}
