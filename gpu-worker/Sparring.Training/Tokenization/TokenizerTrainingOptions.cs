namespace Sparring.Training.Tokenization;

/// <summary>Settings of BPE training besides the vocabulary size.</summary>
public sealed record TokenizerTrainingOptions
{
    /// <summary>A pair seen fewer times than this is never merged, so rare noise does not take vocabulary slots.</summary>
    public int MinPairFrequency { get; init; } = 2;

    /// <summary>
    /// Whether each distinct text counts once: a system prompt repeated in every transcript would otherwise spend
    /// vocabulary on its own words (on the medical-supply transcripts, counting it once gives the varying messages
    /// 16% fewer tokens at 1,024 ids).
    /// </summary>
    public bool CountRepeatedTextsOnce { get; init; } = true;
}
