using System.Security.Cryptography;
using System.Text;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Transcripts.Parsing;

/// <summary>One real conversation between a customer and an agent.</summary>
/// <param name="Id">A stable hash of the conversation's content (roles and texts): the same conversation always gets the same id.</param>
/// <param name="Source">The file it came from.</param>
/// <param name="Line">The line of that file where it starts (1-based).</param>
/// <param name="Turns">The turns in order.</param>
public sealed record Transcript(string Id, string Source, int Line, IReadOnlyList<TranscriptTurn> Turns)
{
    /// <summary>The customer's turns with text, in order.</summary>
    public IEnumerable<TranscriptTurn> CustomerTurns => Turns.Where(t => t.Role == TranscriptRole.Customer && t.Text.Length > 0);

    /// <summary>A transcript of <paramref name="turns"/> whose id is the hash of their roles and texts.</summary>
    public static Transcript Create(string source, int line, IReadOnlyList<TranscriptTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        return new Transcript(HashOf(turns), source, line, turns);
    }

    /// <summary>The content hash of <paramref name="turns"/>: 16 hex digits of SHA-256 over role and text of each turn.</summary>
    public static string HashOf(IEnumerable<TranscriptTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var text = new StringBuilder();
        foreach (var turn in turns)
        {
            // Length-prefixed so that no two different conversations concatenate to the same text.
            text.Append(turn.Role).Append(':').Append(turn.Text.Length).Append(':').Append(turn.Text).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}

/// <summary>One turn of a transcript.</summary>
/// <param name="Role">Who spoke.</param>
/// <param name="Text">What was said (empty for an agent turn that only calls tools).</param>
/// <param name="ToolCalls">The tool calls of an agent turn, where the source records them.</param>
/// <param name="ToolCallId">For a tool turn, the call it answers.</param>
public sealed record TranscriptTurn(TranscriptRole Role, string Text, IReadOnlyList<ToolCallMessage>? ToolCalls = null, string? ToolCallId = null);

/// <summary>Who speaks in a turn.</summary>
public enum TranscriptRole
{
    /// <summary>Instructions the agent had (chat JSONL's system message).</summary>
    System,

    /// <summary>The customer (user).</summary>
    Customer,

    /// <summary>The support agent (assistant).</summary>
    Agent,

    /// <summary>A tool's result.</summary>
    Tool,
}
