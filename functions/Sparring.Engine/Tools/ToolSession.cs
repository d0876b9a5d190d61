using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Sparring.Engine.State;

namespace Sparring.Engine.Tools;

/// <summary>
/// One episode's tools and state, with per-call limits. While the episode's calls follow a history its sandbox has
/// seen, outcomes and the state hash come from the sandbox's memo; at the first new call the session sets up its own
/// JavaScript engine (no CLR access), replays the history on a fresh state and runs on live from there.
/// Not thread-safe: an episode calls its tools one at a time.
/// </summary>
public sealed class ToolSession : IDisposable
{
    private readonly ToolSandbox _sandbox;
    private readonly DeterministicRandom? _faults;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationToken _cancellationToken;
    private ToolEngine? _engine;

    // Where this session's history of executed calls is in the memo; null once it left it (the memo is off or full,
    // or a call broke the sandbox and left a state no other history shares).
    private MemoNode? _node;

    internal ToolSession(ToolSandbox sandbox, ulong? faultSeed, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        _sandbox = sandbox;
        _timeProvider = timeProvider;
        _cancellationToken = cancellationToken;
        _faults = faultSeed is { } seed ? new DeterministicRandom(seed) : null;
        _node = sandbox.Memo.Root;
    }

    /// <summary>
    /// Runs a tool call. Business errors (a thrown Error, invalid arguments, injected faults) come back as an
    /// "Error: …" result for the agent; a broken sandbox throws <see cref="SandboxViolationException"/>.
    /// </summary>
    /// <param name="name">Tool name.</param>
    /// <param name="argumentsJson">Arguments as JSON text.</param>
    /// <param name="offeredOnly">Whether only tools offered to the agent may run (false for gold replays).</param>
    /// <param name="cancellationToken">Cancels an injected delay.</param>
    public async ValueTask<ToolOutcome> InvokeAsync(string name, string argumentsJson, bool offeredOnly, CancellationToken cancellationToken)
    {
        if (!_sandbox.Tools.TryGetValue(name, out var tool) || (offeredOnly && !_sandbox.OfferedTools.Contains(name)))
        {
            return ToolOutcome.Failure($"unknown tool '{name}'", valid: false);
        }

        JsonElement arguments;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson);
            arguments = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return ToolOutcome.Failure($"the arguments of '{name}' are not valid JSON", valid: false);
        }

        // A yes or no is cheap; the detailed evaluation that names each error runs only for the calls that fail.
        if (!tool.ArgumentSchema.Evaluate(arguments, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid)
        {
            var validation = tool.ArgumentSchema.Evaluate(arguments, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
            return ToolOutcome.Failure($"invalid arguments for '{name}': {ArgumentErrors.Describe(validation)}", valid: false);
        }

        if (tool.Spec.Faults is { } faults && _faults is not null)
        {
            if (faults.LatencyMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(faults.LatencyMs), _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (faults.ErrorRate > 0 && _faults.NextDouble() < faults.ErrorRate)
            {
                return ToolOutcome.Failure(faults.ErrorMessage, valid: true, faultInjected: true);
            }
        }

        var canonicalArguments = CanonicalJson.Serialize(arguments);
        if (tool.Spec.Responses is { } responses)
        {
            return CannedResponses.Answer(name, responses, arguments);
        }

        return Run(tool, canonicalArguments);
    }

    /// <summary>The current state as JSON text.</summary>
    /// <exception cref="SandboxViolationException">A tool left something JSON cannot hold in the state (a cycle, a BigInt).</exception>
    public string StateJson() => Engine().StateJson();

    /// <summary>SHA-256 of the canonical JSON of the current state.</summary>
    public string StateHash()
    {
        if (_node?.StateHash is { } known)
        {
            return known;
        }

        var hash = CanonicalJson.Hash(StateJson());
        if (_node is not null)
        {
            _sandbox.Memo.AddStateHash(_node, hash);
        }

        return hash;
    }

    /// <summary>The current state as a JSON node.</summary>
    public JsonNode? StateNode() => JsonNode.Parse(StateJson());

    /// <inheritdoc />
    public void Dispose() => _engine?.Dispose();

    /// <summary>Whether this session has had to set up its own engine.</summary>
    internal bool HasEngine => _engine is not null;

    private ToolOutcome Run(CompiledTool tool, string canonicalArguments)
    {
        var name = tool.Spec.Name;
        if (_engine is null && _node is not null && _sandbox.Memo.Find(_node, name, canonicalArguments) is { } known)
        {
            // An engine would notice a cancelled episode at its first statement; the memo must not hide it.
            _cancellationToken.ThrowIfCancellationRequested();
            _node = known;
            return known.Outcome;
        }

        // Should setting up the engine fail, the history is still this session's: a later attempt replays it again.
        var engine = Engine();
        ToolOutcome outcome;
        try
        {
            outcome = engine.Run(name, tool, canonicalArguments);
        }
        catch
        {
            // A violation is not deterministic (time limits), and it or a cancellation may leave a half-written state
            // that no history describes: from here on the session runs on its own and teaches the memo nothing.
            _node = null;
            throw;
        }

        if (_node is not null)
        {
            _node = _sandbox.Memo.Add(_node, name, canonicalArguments, outcome);
        }

        return outcome;
    }

    // Sets up the engine at the first call the memo cannot answer, and brings it to this session's state by replaying
    // the calls the memo answered; their outcomes are already known, so they are not looked at.
    private ToolEngine Engine()
    {
        if (_engine is not null)
        {
            return _engine;
        }

        var engine = new ToolEngine(_sandbox, _cancellationToken);
        try
        {
            foreach (var call in _node?.History() ?? [])
            {
                engine.Run(call.Name, _sandbox.Tools[call.Name], call.Arguments);
            }
        }
        catch
        {
            engine.Dispose();
            throw;
        }

        return _engine = engine;
    }
}
