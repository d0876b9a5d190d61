namespace Sparring.Transcripts.Parsing;

/// <summary>The file formats <see cref="TranscriptReader"/> reads.</summary>
public enum TranscriptFormat
{
    /// <summary>Chat JSONL: one {"messages": [...]} a line, OpenAI chat format (.jsonl).</summary>
    ChatJsonl,

    /// <summary>Plain text: turns start with Agent:/Assistant: or Customer:/User:; a line of --- separates conversations (.txt).</summary>
    Text,
}
