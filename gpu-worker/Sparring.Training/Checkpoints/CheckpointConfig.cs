using Sparring.Training.Model;

namespace Sparring.Training.Checkpoints;

/// <summary>The config.json of a policy checkpoint: the model's shape, the tokenizer it reads, and how prompts are rendered.</summary>
public sealed record CheckpointConfig
{
    /// <summary>The file's format name.</summary>
    public const string FormatName = "sparring-policy";

    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The transformer's shape.</summary>
    public required TransformerConfig Model { get; init; }

    /// <summary>Content hash of tokenizer.json; a checkpoint only reads text through the tokenizer it was trained with.</summary>
    public required string TokenizerHash { get; init; }

    /// <summary>How conversations become prompts.</summary>
    public PromptOptions Prompt { get; init; } = new();
}
