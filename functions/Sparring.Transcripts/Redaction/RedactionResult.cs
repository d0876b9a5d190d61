namespace Sparring.Transcripts.Redaction;

/// <summary>A redacted text and how many of each kind were replaced.</summary>
/// <param name="Text">The text with placeholders.</param>
/// <param name="Counts">Replacements per kind; kinds not found are absent.</param>
public sealed record RedactionResult(string Text, IReadOnlyDictionary<PiiKind, int> Counts)
{
    /// <summary>The total number of replacements.</summary>
    public int Total => Counts.Values.Sum();
}
