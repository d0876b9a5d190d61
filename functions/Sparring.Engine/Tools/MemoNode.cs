namespace Sparring.Engine.Tools;

/// <summary>
/// One executed call in a sandbox's memo: the history of calls from the root to it, what the last one gave, and the
/// state hash after them once some session has asked for it. Immutable except for that hash, which is set once.
/// </summary>
internal sealed class MemoNode
{
    private string? _stateHash;

    /// <summary>The root: no call made, the initial state.</summary>
    public MemoNode()
    {
        Name = string.Empty;
        Arguments = string.Empty;
        Outcome = new ToolOutcome(string.Empty, Valid: true);
    }

    /// <summary>The node after <paramref name="parent"/>'s history and one more call.</summary>
    public MemoNode(MemoNode parent, string name, string arguments, ToolOutcome outcome)
    {
        Parent = parent;
        Name = name;
        Arguments = arguments;
        Outcome = outcome;
        Depth = parent.Depth + 1;
    }

    /// <summary>The history without its last call; null at the root.</summary>
    public MemoNode? Parent { get; }

    /// <summary>The last call's tool.</summary>
    public string Name { get; }

    /// <summary>The last call's canonical arguments.</summary>
    public string Arguments { get; }

    /// <summary>What the last call gave: a result or a business error.</summary>
    public ToolOutcome Outcome { get; }

    /// <summary>How many calls the history holds.</summary>
    public int Depth { get; }

    /// <summary>SHA-256 of the canonical state after the history, once known.</summary>
    public string? StateHash => Volatile.Read(ref _stateHash);

    /// <summary>Sets the state hash unless another session set it first.</summary>
    public bool TrySetStateHash(string hash) => Interlocked.CompareExchange(ref _stateHash, hash, null) is null;

    /// <summary>The calls of the history, first to last (the root excluded).</summary>
    public MemoNode[] History()
    {
        var calls = new MemoNode[Depth];
        for (var node = this; node.Parent is not null; node = node.Parent)
        {
            calls[node.Depth - 1] = node;
        }

        return calls;
    }
}
