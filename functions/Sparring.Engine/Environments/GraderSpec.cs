namespace Sparring.Engine.Environments;

/// <summary>A grader as declared in the spec.</summary>
public sealed record GraderSpec
{
    /// <summary>Name the reward formula refers to.</summary>
    public required string Name { get; init; }

    /// <summary>state_match, outputs, tool_validity, containment, safety, contains, regex or llm_rubric.</summary>
    public required string Type { get; init; }

    /// <summary>Only scenarios with one of these tags are graded; others count as not applicable.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>For contains: at least one of these must appear in the agent's messages.</summary>
    public IReadOnlyList<string>? Any { get; init; }

    /// <summary>For contains: all of these must appear.</summary>
    public IReadOnlyList<string>? All { get; init; }

    /// <summary>For contains: none of these may appear.</summary>
    public IReadOnlyList<string>? None { get; init; }

    /// <summary>For regex: the pattern (.NET syntax, case-insensitive).</summary>
    public string? Pattern { get; init; }

    /// <summary>For regex: true when the pattern must not match any agent message.</summary>
    public bool MustNotMatch { get; init; }

    /// <summary>The check of a contains or regex grader.</summary>
    public TextCheckSpec ToTextCheck() => new()
    {
        Type = Type,
        Any = Any,
        All = All,
        None = None,
        Pattern = Pattern,
        MustNotMatch = MustNotMatch,
        Reason = $"grader '{Name}'",
    };

    /// <summary>The rubric, for llm_rubric graders.</summary>
    public IReadOnlyList<RubricCriterion>? Criteria { get; init; }
}

/// <summary>One criterion an LLM judge scores from 1 to 5.</summary>
public sealed record RubricCriterion(string Name, string Description);

/// <summary>How grader scores combine into the reward.</summary>
public sealed record RewardSpec
{
    /// <summary>weighted_sum, product or min.</summary>
    public string Combine { get; set; } = "weighted_sum";

    /// <summary>Weights of the graders for weighted_sum; for product and min, the graders combined.</summary>
    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    /// <summary>Graders that must score at least their threshold, or the reward is 0.</summary>
    public IReadOnlyList<RewardGate> Gates { get; set; } = [];

    /// <summary>Reward an episode must reach to count as a success for pass^k.</summary>
    public double SuccessThreshold { get; set; } = 1.0;
}

/// <summary>A gate: the named grader must score at least <see cref="AtLeast"/>.</summary>
public sealed record RewardGate(string Grader, double AtLeast = 1.0);
