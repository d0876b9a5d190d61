using Sparring.Training.Checkpoints;
using Sparring.Training.Model;

namespace Sparring.Training.Rewards;

/// <summary>The config.json of a reward model checkpoint: the trunk's shape, the tokenizer, and the rubric it distils.</summary>
public sealed record RewardModelConfig
{
    /// <summary>The file's format name.</summary>
    public const string FormatName = "sparring-reward-model";

    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Always <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The transformer trunk's shape.</summary>
    public required TransformerConfig Model { get; init; }

    /// <summary>Content hash of tokenizer.json.</summary>
    public required string TokenizerHash { get; init; }

    /// <summary>What of a conversation the model reads (system messages and tool declarations are left out by default).</summary>
    public PromptOptions Prompt { get; init; } = new();

    /// <summary>The llm_rubric grader whose judge scores the model learned, by its name in the environment spec.</summary>
    public required string Grader { get; init; }

    /// <summary>The rubric's criteria, in the order of the heads.</summary>
    public required IReadOnlyList<string> Criteria { get; init; }

    /// <summary>The judge whose scores it learned (kind:name), when the trajectories say.</summary>
    public string? Judge { get; init; }

    /// <summary>The environment the trajectories came from (name@version), when they say.</summary>
    public string? Environment { get; init; }

    /// <summary>Checks the fields, naming the one that is wrong.</summary>
    public void Validate()
    {
        Model.Validate();
        if (string.IsNullOrWhiteSpace(Grader))
        {
            throw new ArgumentException("reward model config: grader must name the llm_rubric grader it distils", nameof(Grader));
        }

        if (Criteria is not { Count: > 0 } || Criteria.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("reward model config: criteria must name at least one criterion, none blank", nameof(Criteria));
        }

        if (Criteria.Distinct(StringComparer.OrdinalIgnoreCase).Count() != Criteria.Count)
        {
            throw new ArgumentException($"reward model config: criteria must be distinct: {string.Join(", ", Criteria)}", nameof(Criteria));
        }
    }
}
