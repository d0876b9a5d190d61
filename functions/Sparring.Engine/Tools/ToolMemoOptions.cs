namespace Sparring.Engine.Tools;

/// <summary>
/// Bounds the memo each <see cref="ToolSandbox"/> keeps of tool outcomes and state hashes by call history. When either
/// bound is reached the memo stops growing and further calls run in a JavaScript engine; results never depend on it.
/// </summary>
public sealed record ToolMemoOptions
{
    /// <summary>
    /// The most calls (trie nodes) remembered per environment. Default 200,000: enough for every distinct history of
    /// tens of thousands of scripted episodes; 0 turns the memo off.
    /// </summary>
    public int MaxNodes { get; init; } = 200_000;

    /// <summary>
    /// The most memory the memo may hold per environment, estimated from its nodes, arguments, results and hashes.
    /// Default 64 MiB; 0 turns the memo off.
    /// </summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Options with the memo off: every session runs its own engine, as before memoization.</summary>
    public static ToolMemoOptions Disabled => new() { MaxNodes = 0, MaxBytes = 0 };

    /// <summary>Whether the memo may hold anything.</summary>
    public bool Enabled => MaxNodes > 0 && MaxBytes > 0;
}
