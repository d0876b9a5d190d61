using System.Text.Json;

namespace Sparring.Abstractions.Trajectories;

/// <summary>One tool call as the engine executed it.</summary>
public sealed record ToolCallRecord
{
    /// <summary>The call id the policy gave.</summary>
    public required string Id { get; init; }

    /// <summary>Tool name as the policy wrote it.</summary>
    public required string Name { get; init; }

    /// <summary>Arguments as the policy sent them.</summary>
    public required JsonElement Arguments { get; init; }

    /// <summary>What the agent saw as the result (an "Error: …" text when the call failed).</summary>
    public required string Result { get; init; }

    /// <summary>Whether the call named a known tool with arguments that match its schema.</summary>
    public required bool Valid { get; init; }

    /// <summary>Why the call failed, if it did (invalid arguments, a business-rule error, an injected fault).</summary>
    public string? Error { get; init; }

    /// <summary>Whether the failure was an injected fault.</summary>
    public bool FaultInjected { get; init; }

    /// <summary>Time the tool took, injected latency included, in milliseconds.</summary>
    public double LatencyMs { get; init; }
}
