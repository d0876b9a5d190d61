using Microsoft.DurableTask;

namespace Sparring.Functions.Durable;

/// <summary>The activity context a library activity sees when a Functions activity trigger runs it.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
