using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sparring.Training.Tokenization;

/// <summary>A byte-level BPE tokenizer whose digits are always single tokens; immutable and safe to share between threads.</summary>
/// <remarks>
/// Ids: 0–15 special tokens, 16–271 the 256 bytes, then one id per merge in training order. Any string encodes, because
/// every byte has a token; decoding joins the bytes and reads them as UTF-8, so valid Unicode text round-trips exactly.
/// (A lone surrogate is not Unicode text: like any UTF-8 encoder, encoding turns it into U+FFFD.)
/// </remarks>
public sealed class Tokenizer
{
    /// <summary>The id of byte 0; byte <c>b</c> is token <c>ByteOffset + b</c>.</summary>
    public const int ByteOffset = SpecialTokens.Count;

    /// <summary>The id of the first merge.</summary>
    public const int FirstMergeId = ByteOffset + 256;

    // A cache of encoded chunks: words repeat a lot in chat, and BPE on a chunk is the slow part of encoding.
    private const int CacheLimit = 100_000;

    private readonly (int Left, int Right)[] _merges;
    private readonly Dictionary<long, int> _mergeIds;
    private readonly byte[][] _tokenBytes;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;

    // ConcurrentDictionary.Count takes every lock, so the cache keeps its own count.
    private int _cacheSize;

    internal Tokenizer(IReadOnlyList<(int Left, int Right)> merges)
    {
        _merges = [.. merges];
        _mergeIds = new Dictionary<long, int>(_merges.Length);
        _tokenBytes = new byte[FirstMergeId + _merges.Length][];
        for (var id = 0; id < SpecialTokens.Count; id++)
        {
            _tokenBytes[id] = [];
        }

        for (var b = 0; b < 256; b++)
        {
            _tokenBytes[ByteOffset + b] = [(byte)b];
        }

        for (var k = 0; k < _merges.Length; k++)
        {
            var (left, right) = _merges[k];
            var id = FirstMergeId + k;
            if (left < ByteOffset || right < ByteOffset || left >= id || right >= id)
            {
                throw new TokenizerFileException($"Merge {k} joins ids {left} and {right}, which are not byte or earlier merge tokens.");
            }

            if (!_mergeIds.TryAdd(Key(left, right), id))
            {
                throw new TokenizerFileException($"Merge {k} repeats the pair {left} {right}.");
            }

            _tokenBytes[id] = [.. _tokenBytes[left], .. _tokenBytes[right]];
        }

        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        ContentHash = ComputeHash(_merges);
    }

    /// <summary>How many ids there are: special tokens, bytes and merges.</summary>
    public int VocabularySize => _tokenBytes.Length;

    /// <summary>How many merges training learned.</summary>
    public int MergeCount => _merges.Length;

    /// <summary><c>sha256:</c> and the hex digest of the format, rules, special tokens and merges.</summary>
    public string ContentHash { get; }

    /// <summary>Encodes plain text; special-token texts in it are ordinary characters and never become special ids.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        EncodeTo(text, ids);
        return [.. ids];
    }

    /// <summary>Appends the ids of plain text to <paramref name="destination"/>.</summary>
    public void EncodeTo(ReadOnlySpan<char> text, List<int> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var chunks = new List<Range>();
        PreTokenizer.Split(text, chunks);
        foreach (var range in chunks)
        {
            var chunk = text[range];
            if (_cacheLookup.TryGetValue(chunk, out var cached))
            {
                destination.AddRange(cached);
                continue;
            }

            var ids = EncodeChunk(chunk);
            if (Volatile.Read(ref _cacheSize) < CacheLimit && _cacheLookup.TryAdd(chunk, ids))
            {
                Interlocked.Increment(ref _cacheSize);
            }

            destination.AddRange(ids);
        }
    }

    /// <summary>Decodes ids to text; special tokens appear as their texts (e.g. <c>&lt;|end|&gt;</c>).</summary>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var text = new StringBuilder();
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (SpecialTokens.IsSpecial(id))
            {
                FlushBytes(bytes, text);
                text.Append(SpecialTokens.TextOf(id));
            }
            else
            {
                bytes.AddRange(BytesOf(id));
            }
        }

        FlushBytes(bytes, text);
        return text.ToString();
    }

    /// <summary>The bytes a token stands for (empty for special tokens).</summary>
    public ReadOnlySpan<byte> BytesOf(int id) =>
        id >= 0 && id < _tokenBytes.Length
            ? _tokenBytes[id]
            : throw new ArgumentOutOfRangeException(nameof(id), id, $"Token ids run from 0 to {_tokenBytes.Length - 1}.");

    /// <summary>The saved form of this tokenizer.</summary>
    public TokenizerFile ToFile() => new()
    {
        Format = TokenizerFile.FormatName,
        Version = TokenizerFile.CurrentVersion,
        PreTokenizer = PreTokenizer.Name,
        SpecialTokens = [.. Enumerable.Range(0, SpecialTokens.Count).Select(SpecialTokens.TextOf)],
        Merges = [.. _merges.Select(m => (IReadOnlyList<int>)[m.Left, m.Right])],
        ContentHash = ContentHash,
    };

    /// <summary>This tokenizer as compact JSON; the same tokenizer always gives the same text.</summary>
    public string ToJson() => JsonSerializer.Serialize(ToFile(), TokenizerJsonContext.Readable.TokenizerFile);

    /// <summary>Writes <see cref="ToJson"/> to a file as UTF-8.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson(), new UTF8Encoding(false));

    /// <summary>Reads a tokenizer file written by <see cref="Save"/>.</summary>
    public static Tokenizer Load(string path) => FromJson(File.ReadAllText(path));

    /// <summary>Reads a tokenizer from its JSON; refuses another format or version, a wrong hash, or inconsistent data.</summary>
    public static Tokenizer FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        TokenizerFile? file;
        try
        {
            // Check the format and version before binding the rest: another version may have another shape.
            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                    || format.GetString() != TokenizerFile.FormatName)
                {
                    throw new TokenizerFileException($"Not a tokenizer file: expected \"format\": \"{TokenizerFile.FormatName}\".");
                }

                var hasVersion = root.TryGetProperty("version", out var version);
                if (!hasVersion || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number)
                    || number != TokenizerFile.CurrentVersion)
                {
                    throw new TokenizerFileException(
                        $"Tokenizer file version {(hasVersion ? version.GetRawText() : "(missing)")} is not supported: " +
                        $"this build reads version {TokenizerFile.CurrentVersion} only. Retrain the tokenizer or use the build that wrote it.");
                }
            }

            file = JsonSerializer.Deserialize(json, TokenizerJsonContext.Readable.TokenizerFile);
        }
        catch (JsonException exception)
        {
            throw new TokenizerFileException("The tokenizer file is not valid: " + exception.Message, exception);
        }

        return FromFile(file ?? throw new TokenizerFileException("The tokenizer file is empty."));
    }

    /// <summary>Builds a tokenizer from its saved form, with the same checks as <see cref="FromJson"/>.</summary>
    public static Tokenizer FromFile(TokenizerFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Format != TokenizerFile.FormatName || file.Version != TokenizerFile.CurrentVersion)
        {
            throw new TokenizerFileException(
                $"Tokenizer file {file.Format} version {file.Version} is not supported: this build reads " +
                $"{TokenizerFile.FormatName} version {TokenizerFile.CurrentVersion} only.");
        }

        // Generated deserializers let JSON null into non-nullable properties; refuse it here rather than fail later.
        if (file.SpecialTokens is null || file.Merges is null || file.ContentHash is null)
        {
            throw new TokenizerFileException("The tokenizer file lacks its special tokens, merges or content hash.");
        }

        if (file.PreTokenizer != PreTokenizer.Name)
        {
            throw new TokenizerFileException($"The tokenizer was trained with pre-tokenizer {file.PreTokenizer}; this build has {PreTokenizer.Name}.");
        }

        var specials = Enumerable.Range(0, SpecialTokens.Count).Select(SpecialTokens.TextOf);
        if (!file.SpecialTokens.SequenceEqual(specials))
        {
            throw new TokenizerFileException("The tokenizer file's special tokens differ from this build's.");
        }

        var merges = new List<(int, int)>(file.Merges.Count);
        foreach (var merge in file.Merges)
        {
            if (merge is not { Count: 2 })
            {
                throw new TokenizerFileException($"Merge {merges.Count} must be a pair of ids.");
            }

            merges.Add((merge[0], merge[1]));
        }

        var tokenizer = new Tokenizer(merges);
        if (tokenizer.ContentHash != file.ContentHash)
        {
            throw new TokenizerFileException(
                $"The tokenizer file's content hash {file.ContentHash} does not match its content ({tokenizer.ContentHash}): it was edited or damaged.");
        }

        return tokenizer;
    }

    internal static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private int[] EncodeChunk(ReadOnlySpan<char> chunk)
    {
        var byteCount = Encoding.UTF8.GetByteCount(chunk);
        Span<byte> bytes = byteCount <= 256 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(chunk, bytes);
        var ids = new int[byteCount];
        for (var i = 0; i < byteCount; i++)
        {
            ids[i] = ByteOffset + bytes[i];
        }

        // Apply the earliest-learned merge present, again and again, as training did; merge ids grow with rank.
        var length = byteCount;
        while (length > 1)
        {
            var best = int.MaxValue;
            var at = -1;
            for (var i = 0; i + 1 < length; i++)
            {
                if (_mergeIds.TryGetValue(Key(ids[i], ids[i + 1]), out var id) && id < best)
                {
                    best = id;
                    at = i;
                }
            }

            if (at < 0)
            {
                break;
            }

            var write = 0;
            for (var read = 0; read < length; read++)
            {
                if (read + 1 < length && ids[read] == _merges[best - FirstMergeId].Left
                    && ids[read + 1] == _merges[best - FirstMergeId].Right)
                {
                    ids[write++] = best;
                    read++;
                }
                else
                {
                    ids[write++] = ids[read];
                }
            }

            length = write;
        }

        return ids.AsSpan(0, length).ToArray();
    }

    private static void FlushBytes(List<byte> bytes, StringBuilder text)
    {
        if (bytes.Count > 0)
        {
            text.Append(Encoding.UTF8.GetString([.. bytes]));
            bytes.Clear();
        }
    }

    private static string ComputeHash((int Left, int Right)[] merges)
    {
        var canonical = new StringBuilder();
        canonical.Append(TokenizerFile.FormatName).Append('\n').Append(TokenizerFile.CurrentVersion).Append('\n')
            .Append(PreTokenizer.Name).Append('\n');
        for (var id = 0; id < SpecialTokens.Count; id++)
        {
            canonical.Append(SpecialTokens.TextOf(id)).Append('\n');
        }

        foreach (var (left, right) in merges)
        {
            canonical.Append(left).Append(' ').Append(right).Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
