namespace Sparring.Training.Data;

/// <summary>A window of a rendered conversation: its token ids and which of them the loss counts.</summary>
public sealed record TokenizedExample(int[] Ids, bool[] LossMask)
{
    /// <summary>Tokens the loss counts.</summary>
    public int LossTokens => LossMask.Count(m => m);
}
