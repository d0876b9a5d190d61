using System.Text;

namespace Sparring.Training.Tokenization;

/// <summary>Learns BPE merges from texts, deterministically: the same texts and size always give the same tokenizer.</summary>
public static class TokenizerTrainer
{
    /// <summary>
    /// The vocabulary size the policy uses. On the medical-supply transcripts (system prompts left out) a conversation
    /// takes a median 928 tokens at 512 ids, 683 at 1,024, 623 at 1,536 and 589 at 2,048: past 1,024 the gains are
    /// small, while each extra id adds a row to the embedding of a ≤1 M-parameter model (512 more ids at width 128:
    /// 65 k parameters).
    /// </summary>
    public const int DefaultVocabularySize = 1024;

    /// <summary>Trains merges until the vocabulary (special, byte and merge tokens) has <paramref name="vocabularySize"/> ids.</summary>
    /// <remarks>
    /// Training stops earlier when no pair occurs <see cref="TokenizerTrainingOptions.MinPairFrequency"/> times. Ties
    /// between equally frequent pairs go to the smaller left id, then the smaller right id, so the result does not
    /// depend on the order of dictionaries or of the texts.
    /// </remarks>
    public static Tokenizer Train(IEnumerable<string> texts, int vocabularySize, TokenizerTrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, Tokenizer.FirstMergeId);
        options ??= new TokenizerTrainingOptions();

        var words = CountChunks(options.CountRepeatedTextsOnce ? texts.Distinct(StringComparer.Ordinal) : texts);
        var pairCounts = new Dictionary<long, long>();
        var pairWords = new Dictionary<long, HashSet<int>>();
        for (var w = 0; w < words.Count; w++)
        {
            AddPairs(words[w], w, +1, pairCounts, pairWords);
        }

        var merges = new List<(int Left, int Right)>();
        var nextId = Tokenizer.FirstMergeId;
        while (nextId < vocabularySize)
        {
            var best = 0L;
            var bestCount = 0L;
            foreach (var (pair, count) in pairCounts)
            {
                if (count > bestCount || (count == bestCount && pair < best))
                {
                    best = pair;
                    bestCount = count;
                }
            }

            if (bestCount < Math.Max(1, options.MinPairFrequency))
            {
                break;
            }

            var left = (int)(best >> 32);
            var right = (int)(best & 0xFFFFFFFF);
            foreach (var w in pairWords[best].Order())
            {
                var word = words[w];
                AddPairs(word, w, -1, pairCounts, pairWords);
                word.Symbols = Merge(word.Symbols, left, right, nextId);
                AddPairs(word, w, +1, pairCounts, pairWords);
            }

            pairCounts.Remove(best);
            pairWords.Remove(best);
            merges.Add((left, right));
            nextId++;
        }

        return new Tokenizer(merges);
    }

    private static List<Word> CountChunks(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var chunks = new List<Range>();
        foreach (var text in texts)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(texts));
            chunks.Clear();
            PreTokenizer.Split(text, chunks);
            foreach (var range in chunks)
            {
                var chunk = text.AsSpan(range);
                lookup[chunk] = lookup.TryGetValue(chunk, out var count) ? count + 1 : 1;
            }
        }

        return [.. counts.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new Word(
            [.. Encoding.UTF8.GetBytes(pair.Key).Select(b => Tokenizer.ByteOffset + b)], pair.Value))];
    }

    private static void AddPairs(Word word, int index, int sign, Dictionary<long, long> pairCounts, Dictionary<long, HashSet<int>> pairWords)
    {
        var symbols = word.Symbols;
        for (var i = 0; i + 1 < symbols.Length; i++)
        {
            var key = Tokenizer.Key(symbols[i], symbols[i + 1]);
            var count = pairCounts.GetValueOrDefault(key) + sign * word.Count;
            if (count == 0)
            {
                pairCounts.Remove(key);
            }
            else
            {
                pairCounts[key] = count;
            }

            if (sign > 0)
            {
                if (!pairWords.TryGetValue(key, out var set))
                {
                    pairWords[key] = set = [];
                }

                set.Add(index);
            }
        }
    }

    private static int[] Merge(int[] symbols, int left, int right, int id)
    {
        var merged = new List<int>(symbols.Length);
        for (var i = 0; i < symbols.Length; i++)
        {
            if (i + 1 < symbols.Length && symbols[i] == left && symbols[i + 1] == right)
            {
                merged.Add(id);
                i++;
            }
            else
            {
                merged.Add(symbols[i]);
            }
        }

        return [.. merged];
    }

    private sealed class Word(int[] symbols, long count)
    {
        public int[] Symbols { get; set; } = symbols;

        public long Count { get; } = count;
    }
}
