using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sparring.Engine.Environments;

/// <summary>A task: who calls, why, and what a good episode ends with.</summary>
public sealed record ScenarioSpec
{
    /// <summary>Unique id within the environment.</summary>
    public required string Id { get; init; }

    /// <summary>train or test.</summary>
    public string Split { get; set; } = "train";

    /// <summary>The value of the environment's split key (a customer id, say), which no test scenario may share with a train one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }

    /// <summary>Free labels (emergency, billing, …) that graders can select on.</summary>
    public IReadOnlyList<string> Tags { get; set; } = [];

    /// <summary>The template that generated this scenario; null for a scenario written by hand.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Template { get; init; }

    /// <summary>What the scenario checks, for authors.</summary>
    public string? Description { get; init; }

    /// <summary>The mock user's persona.</summary>
    public required PersonaSpec Persona { get; init; }

    /// <summary>What a good episode ends with.</summary>
    public required ExpectedOutcome Expected { get; init; }
}

/// <summary>The mock user: reason for calling, what it knows and does not, its mood and patience.</summary>
public sealed record PersonaSpec
{
    /// <summary>The caller's name.</summary>
    public string? Name { get; init; }

    /// <summary>Why the user calls.</summary>
    public required string ReasonForCall { get; init; }

    /// <summary>What the user says first; derived from the reason when omitted.</summary>
    public string? OpeningLine { get; init; }

    /// <summary>calm, confused, angry or panicked.</summary>
    public Mood Mood { get; set; } = Mood.Calm;

    /// <summary>User turns before the user gives up.</summary>
    public int Patience { get; set; } = 12;

    /// <summary>Free-text instructions for an LLM user (how to behave, what to accept).</summary>
    public string? TaskInstructions { get; init; }

    /// <summary>What a panicked user keeps repeating.</summary>
    public string? Urgency { get; init; }

    /// <summary>Facts the user reveals only when asked for them.</summary>
    public IReadOnlyList<KnownInfo> KnownInfo { get; set; } = [];

    /// <summary>Things the user does not know and says so when asked.</summary>
    public IReadOnlyList<UnknownInfo> UnknownInfo { get; set; } = [];

    /// <summary>Answers to the agent's questions and proposals, first match wins.</summary>
    public IReadOnlyList<ReplyRule> Replies { get; set; } = [];

    /// <summary>Phrases that, once all heard from the agent, mean the user's goal is met.</summary>
    public IReadOnlyList<string> SatisfiedWhen { get; set; } = [];
}

/// <summary>A fact the user knows, revealed when the agent's message mentions one of <see cref="AskedBy"/>.</summary>
public sealed record KnownInfo
{
    /// <summary>What the fact is (email, zip code, order number).</summary>
    public required string Key { get; init; }

    /// <summary>The fact itself.</summary>
    public required string Value { get; init; }

    /// <summary>Words in an agent message that ask for it; the key when omitted.</summary>
    public IReadOnlyList<string>? AskedBy { get; init; }

    /// <summary>Whether the user offers it in the opening line.</summary>
    public bool Volunteered { get; init; }
}

/// <summary>Something the user does not know.</summary>
public sealed record UnknownInfo
{
    /// <summary>What it is.</summary>
    public required string Key { get; init; }

    /// <summary>Words in an agent message that ask for it; the key when omitted.</summary>
    public IReadOnlyList<string>? AskedBy { get; init; }
}

/// <summary>A scripted answer: said when the agent's message contains any of <see cref="When"/>.</summary>
public sealed record ReplyRule
{
    /// <summary>Phrases (case-insensitive) that trigger the reply.</summary>
    public required IReadOnlyList<string> When { get; init; }

    /// <summary>What the user says.</summary>
    public required string Say { get; init; }

    /// <summary>Whether the rule fires only once per episode.</summary>
    public bool Once { get; init; }
}

/// <summary>The user's mood, which shapes how a mock user talks.</summary>
public enum Mood
{
    /// <summary>Cooperative and clear.</summary>
    Calm,

    /// <summary>Unsure, asks for things to be repeated.</summary>
    Confused,

    /// <summary>Frustrated and curt.</summary>
    Angry,

    /// <summary>Frightened; repeats the urgency every turn.</summary>
    Panicked,
}

/// <summary>What a good episode ends with.</summary>
public sealed record ExpectedOutcome
{
    /// <summary>Gold tool calls; replayed on a fresh state they give the target state hash.</summary>
    public IReadOnlyList<GoldAction> Actions { get; set; } = [];

    /// <summary>Information the agent must communicate (case-insensitive substrings of its messages).</summary>
    public IReadOnlyList<string> Outputs { get; set; } = [];

    /// <summary>Statements about the conversation an LLM judge checks (τ²-bench's NL assertions).</summary>
    public IReadOnlyList<string> Assertions { get; set; } = [];

    /// <summary>Whether the right end is a transfer to a human.</summary>
    public bool Transfer { get; init; }

    /// <summary>Safety requirements on what the agent says.</summary>
    public IReadOnlyList<TextCheckSpec> Safety { get; set; } = [];
}

/// <summary>One gold tool call.</summary>
public sealed record GoldAction
{
    /// <summary>Tool name.</summary>
    public required string Name { get; init; }

    /// <summary>Arguments.</summary>
    public JsonObject Arguments { get; set; } = [];
}

/// <summary>A check on the agent's messages: some phrases must (or must not) appear, or a pattern must (not) match.</summary>
public sealed record TextCheckSpec
{
    /// <summary>contains or regex.</summary>
    public required string Type { get; init; }

    /// <summary>For contains: at least one of these must appear.</summary>
    public IReadOnlyList<string>? Any { get; init; }

    /// <summary>For contains: all of these must appear.</summary>
    public IReadOnlyList<string>? All { get; init; }

    /// <summary>For contains: none of these may appear.</summary>
    public IReadOnlyList<string>? None { get; init; }

    /// <summary>For regex: the pattern (.NET syntax, case-insensitive).</summary>
    public string? Pattern { get; init; }

    /// <summary>For regex: true when the pattern must not match any agent message.</summary>
    public bool MustNotMatch { get; init; }

    /// <summary>Why the check matters, shown when it fails.</summary>
    public string? Reason { get; init; }
}
