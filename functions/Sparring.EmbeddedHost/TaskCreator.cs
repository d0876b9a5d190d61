using DurableTask.Core;

namespace Sparring.EmbeddedHost;

/// <summary>Hands DurableTask.Core a fresh shim per work item.</summary>
internal sealed class TaskCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public TaskCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        _create = create;
    }

    public override T Create() => _create();
}
