using Jint;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Tools;

/// <summary>
/// The compiled tools of one environment. Thread-safe; every episode opens its own <see cref="ToolSession"/> holding
/// its own copy of the state. Immutable but for its memo of outcomes by call history, which sessions share.
/// </summary>
public sealed class ToolSandbox
{
    private readonly IReadOnlyDictionary<string, CompiledTool> _tools;
    private readonly Prepared<Acornima.Ast.Script>? _library;
    private readonly string _initialStateJson;

    internal ToolSandbox(
        IReadOnlyDictionary<string, CompiledTool> tools,
        Prepared<Acornima.Ast.Script>? library,
        (string File, int Line) libraryOrigin,
        string initialStateJson,
        DateTimeOffset now,
        SandboxLimitsSpec limits,
        IReadOnlySet<string> offeredTools,
        ToolMemoOptions memo)
    {
        _tools = tools;
        _library = library;
        LibraryOrigin = libraryOrigin;
        _initialStateJson = initialStateJson;
        Now = now;
        Limits = limits;
        OfferedTools = offeredTools;
        Memo = new ToolMemo(memo);
    }

    /// <summary>The frozen instant tools see.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Per-call limits.</summary>
    public SandboxLimitsSpec Limits { get; }

    /// <summary>The tools the agent may call.</summary>
    public IReadOnlySet<string> OfferedTools { get; }

    /// <summary>The initial state as JSON text.</summary>
    public string InitialStateJson => _initialStateJson;

    /// <summary>How many calls the memo of outcomes by call history holds.</summary>
    public int MemoNodes => Memo.Nodes;

    /// <summary>The memory the memo of outcomes by call history is estimated to hold, in bytes.</summary>
    public long MemoBytes => Memo.Bytes;

    internal IReadOnlyDictionary<string, CompiledTool> Tools => _tools;

    internal Prepared<Acornima.Ast.Script>? Library => _library;

    /// <summary>What sessions have learnt: outcomes and state hashes by call history.</summary>
    internal ToolMemo Memo { get; }

    /// <summary>The file and line the library's first line is on, to locate its runtime errors.</summary>
    internal (string File, int Line) LibraryOrigin { get; }

    /// <summary>
    /// Opens a session on a fresh copy of the initial state. With a <paramref name="faultSeed"/>, the tools' declared
    /// faults are injected from it; without one (gold replays) no fault is. Cheap: the session sets up a JavaScript
    /// engine only when the memo cannot answer it.
    /// </summary>
    public ToolSession OpenSession(ulong? faultSeed, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        new(this, faultSeed, timeProvider, cancellationToken);

    /// <summary>The same tools with a memo of their own, bounded by <paramref name="memo"/>: to compare with and without one.</summary>
    internal ToolSandbox WithMemo(ToolMemoOptions memo) =>
        new(_tools, _library, LibraryOrigin, _initialStateJson, Now, Limits, OfferedTools, memo);

    /// <summary>Sets up the library and every tool's script once, as a session's engine does, and discards them.</summary>
    /// <exception cref="SandboxViolationException">The library or a script broke the sandbox.</exception>
    internal void SetUp(CancellationToken cancellationToken) => new ToolEngine(this, cancellationToken).Dispose();
}
