using Sparring.Training.Data;
using Sparring.Training.Generation;
using Sparring.Training.Ppo;

namespace Sparring.Bench.Training;

/// <summary>
/// Random token sequences shaped like the real ones: conversations alternate context (system, user, tool results:
/// 30–129 tokens a turn) with the policy's turns (20–63 tokens), so about 30 % of the tokens are the policy's.
/// Speed depends on shapes alone, so random ids do.
/// </summary>
internal sealed class SyntheticData(int vocabulary, int seed)
{
    // Ids below this are the tokenizer's special tokens; ordinary text never uses them.
    private const int FirstOrdinaryId = 16;

    private readonly Random _random = new(seed);

    /// <summary>Generation requests with prompts of <paramref name="meanLength"/> ± 4 % tokens.</summary>
    public List<GenerationRequest> Prompts(int count, int meanLength, int newTokens) =>
        Enumerable.Range(0, count)
            .Select(row => new GenerationRequest(Ids(Jitter(meanLength)), newTokens, Temperature: 1f, TopP: 1f, Seed: row))
            .ToList();

    /// <summary>SFT windows of exactly <paramref name="length"/> tokens; the loss counts the policy's turns.</summary>
    public List<TokenizedExample> SftExamples(int count, int length) =>
        Enumerable.Range(0, count)
            .Select(_ => Conversation(length))
            .Select(conversation => new TokenizedExample(conversation.Ids, conversation.PolicyMask))
            .ToList();

    /// <summary>Scored episodes of <paramref name="meanLength"/> ± 14 % tokens.</summary>
    public List<PpoEpisode> Episodes(int count, int meanLength) =>
        Enumerable.Range(0, count)
            .Select(_ => Conversation(Jitter(meanLength, 0.14)))
            .Select(conversation => new PpoEpisode(conversation.Ids, conversation.PolicyMask, _random.NextDouble()))
            .ToList();

    private (int[] Ids, bool[] PolicyMask) Conversation(int length)
    {
        var mask = new bool[length];
        var position = 0;
        var policy = false;
        while (position < length)
        {
            var turn = policy ? _random.Next(20, 64) : _random.Next(30, 130);
            for (var end = Math.Min(length, position + turn); position < end; position++)
            {
                mask[position] = policy;
            }

            policy = !policy;
        }

        // The first context turn is at least 30 tokens, so a conversation shorter than that would train nothing.
        mask[^1] = true;
        return (Ids(length), mask);
    }

    private int[] Ids(int length) => Enumerable.Range(0, length).Select(_ => _random.Next(FirstOrdinaryId, vocabulary)).ToArray();

    private int Jitter(int mean, double spread = 0.04) => Math.Max(2, (int)Math.Round(mean * (1 + spread * (2 * _random.NextDouble() - 1))));
}
