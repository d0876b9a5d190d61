using System.Text.Json.Serialization;

namespace Sparring.Training.Tokenization;

/// <summary>The saved form of a tokenizer: its format and version, rules, special tokens, merges and content hash.</summary>
public sealed record TokenizerFile
{
    /// <summary>The format name every tokenizer file carries.</summary>
    public const string FormatName = "sparring-tokenizer";

    /// <summary>The only version this build reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always <see cref="FormatName"/>.</summary>
    [JsonPropertyName("format")]
    public required string Format { get; init; }

    /// <summary>The file format version; another version is refused rather than guessed at.</summary>
    [JsonPropertyName("version")]
    public required int Version { get; init; }

    /// <summary>The name of the pre-tokenization rules the merges were trained with.</summary>
    [JsonPropertyName("preTokenizer")]
    public required string PreTokenizer { get; init; }

    /// <summary>The special token texts, id by id from 0.</summary>
    [JsonPropertyName("specialTokens")]
    public required IReadOnlyList<string> SpecialTokens { get; init; }

    /// <summary>Merges in rank order: merge <c>k</c> joins two existing ids into id <c>272 + k</c>.</summary>
    [JsonPropertyName("merges")]
    public required IReadOnlyList<IReadOnlyList<int>> Merges { get; init; }

    /// <summary><c>sha256:</c> and the hex SHA-256 of the content above, so checkpoints can tell tokenizers apart.</summary>
    [JsonPropertyName("contentHash")]
    public required string ContentHash { get; init; }
}
