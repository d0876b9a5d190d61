using System.Text.Json.Serialization;

namespace Sparring.Training.Model;

/// <summary>The shape of a policy transformer; a checkpoint's weights load only into the same shape.</summary>
public sealed record TransformerConfig
{
    /// <summary>Tokens in the vocabulary (the tokenizer's size).</summary>
    public required int VocabularySize { get; init; }

    /// <summary>The longest sequence the model sees at once; longer prompts keep their most recent tokens.</summary>
    public int ContextLength { get; init; } = 1024;

    /// <summary>Transformer blocks.</summary>
    public int Layers { get; init; } = 4;

    /// <summary>Width of the residual stream.</summary>
    public int Width { get; init; } = 128;

    /// <summary>Attention heads; the width must divide by it.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Hidden width of each feed-forward layer, as a multiple of the width.</summary>
    public int FeedForwardMultiple { get; init; } = 4;

    /// <summary>Seed of the initial weights.</summary>
    public int InitSeed { get; init; } = 1;

    /// <summary>Width of one head.</summary>
    [JsonIgnore]
    public int HeadWidth => Width / Heads;

    /// <summary>Trainable parameters, counted as the model lays them out (embeddings tied to the output layer, value head included).</summary>
    [JsonIgnore]
    public long ParameterCount
    {
        get
        {
            long d = Width, ff = Width * FeedForwardMultiple;
            var block = 2 * 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + (d * ff + ff) + (ff * d + d);
            return VocabularySize * d + ContextLength * d + Layers * block + 2 * d + (d + 1);
        }
    }

    /// <summary>Checks the shape, naming the field that is wrong.</summary>
    public void Validate()
    {
        Require(VocabularySize > 16, nameof(VocabularySize), "must exceed the 16 special tokens");
        Require(ContextLength is >= 16 and <= 65536, nameof(ContextLength), "must be between 16 and 65536");
        Require(Layers is >= 1 and <= 64, nameof(Layers), "must be between 1 and 64");
        Require(Heads >= 1, nameof(Heads), "must be at least 1");
        Require(Width >= Heads && Width % Heads == 0, nameof(Width), $"must be a multiple of heads ({Heads})");
        Require(FeedForwardMultiple is >= 1 and <= 16, nameof(FeedForwardMultiple), "must be between 1 and 16");
    }

    private static void Require(bool ok, string field, string message)
    {
        if (!ok)
        {
            throw new ArgumentException($"model config: {JsonName(field)} {message}", field);
        }
    }

    private static string JsonName(string field) => char.ToLowerInvariant(field[0]) + field[1..];
}
