namespace Sparring.TrainingQueue;

/// <summary>Where the worker takes its training jobs from (<c>Worker:Queue</c>).</summary>
public enum TrainingQueueKind
{
    /// <summary>An Azure Service Bus queue (peek-lock): the deployed worker.</summary>
    ServiceBus,

    /// <summary>An Azure Storage queue: Azurite for local runs (any Storage account works the same).</summary>
    Azurite,

    /// <summary>An in-memory queue that code in the same process posts to (<see cref="InProcess.InProcessTrainingQueue"/>).</summary>
    InProcess,
}
