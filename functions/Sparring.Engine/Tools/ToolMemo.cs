using System.Collections.Concurrent;

namespace Sparring.Engine.Tools;

/// <summary>
/// A sandbox's memo of tool outcomes by call history: a trie whose edges are executed calls (tool and canonical
/// arguments). Tools are deterministic (seeded by tool, arguments and occurrence; a frozen clock), so the outcome of
/// a call and the state after it depend only on the calls before it. Insert-only, lock-free to read, thread-safe;
/// stops growing at its bounds.
/// </summary>
internal sealed class ToolMemo
{
    // What a node costs besides its strings: the node, the dictionary entry and its key.
    private const int NodeOverheadBytes = 160;

    private readonly ConcurrentDictionary<Edge, MemoNode> _children = new();
    private readonly ToolMemoOptions _options;
    private long _bytes;
    private int _nodes;

    /// <summary>Creates an empty memo with these bounds.</summary>
    public ToolMemo(ToolMemoOptions options)
    {
        _options = options;
        Root = options.Enabled ? new MemoNode() : null;
    }

    /// <summary>The empty history; null when the memo is off.</summary>
    public MemoNode? Root { get; }

    /// <summary>The calls remembered.</summary>
    public int Nodes => Volatile.Read(ref _nodes);

    /// <summary>The memory the memo is estimated to hold.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The node after one more call, if that call was remembered.</summary>
    public MemoNode? Find(MemoNode parent, string name, string arguments) =>
        _children.TryGetValue(new Edge(parent, name, arguments), out var node) ? node : null;

    /// <summary>
    /// Remembers what a call made after <paramref name="parent"/>'s history gave, and returns its node (the one already
    /// there if another session got there first); null when the memo is full.
    /// </summary>
    public MemoNode? Add(MemoNode parent, string name, string arguments, ToolOutcome outcome)
    {
        var edge = new Edge(parent, name, arguments);
        if (_children.TryGetValue(edge, out var existing))
        {
            return existing;
        }

        var bytes = NodeOverheadBytes + SizeOf(arguments) + SizeOf(outcome.Result) + SizeOf(outcome.Error);
        if (!TryReserve(1, bytes))
        {
            return null;
        }

        var node = new MemoNode(parent, name, arguments, outcome);
        var added = _children.GetOrAdd(edge, node);
        if (!ReferenceEquals(added, node))
        {
            Release(1, bytes);
        }

        return added;
    }

    /// <summary>Remembers the state hash after a node's history, if there is room.</summary>
    public void AddStateHash(MemoNode node, string hash)
    {
        var bytes = SizeOf(hash);
        if (node.StateHash is null && TryReserve(0, bytes) && !node.TrySetStateHash(hash))
        {
            Release(0, bytes);
        }
    }

    private static long SizeOf(string? text) => text is null ? 0 : 24 + (2L * text.Length);

    private bool TryReserve(int nodes, long bytes)
    {
        if (Interlocked.Add(ref _nodes, nodes) > _options.MaxNodes)
        {
            Interlocked.Add(ref _nodes, -nodes);
            return false;
        }

        if (Interlocked.Add(ref _bytes, bytes) > _options.MaxBytes)
        {
            Release(nodes, bytes);
            return false;
        }

        return true;
    }

    private void Release(int nodes, long bytes)
    {
        Interlocked.Add(ref _nodes, -nodes);
        Interlocked.Add(ref _bytes, -bytes);
    }

    // Nodes compare by reference: an edge is one call made after one particular history.
    private readonly record struct Edge(MemoNode Parent, string Name, string Arguments);
}
