using Sparring.Engine.Tools;

namespace Sparring.Engine.Environments;

/// <summary>Replays a scenario's gold actions on a fresh state: the target of state matching, and how authors check a scenario.</summary>
public static class GoldReplay
{
    /// <summary>Runs the actions in order; stops at the first that fails.</summary>
    public static Task<GoldReplayResult> RunAsync(ToolSandbox sandbox, IReadOnlyList<GoldAction> actions, CancellationToken cancellationToken) =>
        RunAsync(sandbox, actions, withStateJson: true, cancellationToken);

    /// <summary>
    /// Runs the actions in order; stops at the first that fails. Without <paramref name="withStateJson"/> only the hash
    /// is given, which the sandbox's memo may know without writing the state out.
    /// </summary>
    internal static async Task<GoldReplayResult> RunAsync(ToolSandbox sandbox, IReadOnlyList<GoldAction> actions, bool withStateJson, CancellationToken cancellationToken)
    {
        using var session = sandbox.OpenSession(faultSeed: null, TimeProvider.System, cancellationToken);
        for (var i = 0; i < actions.Count; i++)
        {
            ToolOutcome outcome;
            try
            {
                outcome = await session.InvokeAsync(actions[i].Name, actions[i].Arguments.ToJsonString(), offeredOnly: false, cancellationToken).ConfigureAwait(false);
            }
            catch (SandboxViolationException ex)
            {
                return new GoldReplayResult(null, null, new GoldReplayFailure(i, ex.Message));
            }

            if (outcome.Error is not null)
            {
                return new GoldReplayResult(null, null, new GoldReplayFailure(i, outcome.Result));
            }
        }

        try
        {
            if (!withStateJson)
            {
                return new GoldReplayResult(null, session.StateHash(), null);
            }

            var json = session.StateJson();
            return new GoldReplayResult(json, State.CanonicalJson.Hash(json), null);
        }
        catch (SandboxViolationException ex)
        {
            return new GoldReplayResult(null, null, new GoldReplayFailure(Math.Max(0, actions.Count - 1), ex.Message));
        }
    }
}

/// <summary>The final state of a gold replay (JSON and hash), or where it failed.</summary>
public sealed record GoldReplayResult(string? StateJson, string? StateHash, GoldReplayFailure? Failure);

/// <summary>The gold action that failed (0-based) and what it said.</summary>
public sealed record GoldReplayFailure(int ActionIndex, string Message);
