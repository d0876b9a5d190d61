using System.Text.Json.Serialization;
using Sparring.Abstractions.Grading;

namespace Sparring.Abstractions.Trajectories;

/// <summary>The full record of one episode: what was said, what the tools did, and how it was scored.</summary>
public sealed record Trajectory
{
    /// <summary>The version of this document's shape; readers reject versions they do not know.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>Schema version of this trajectory document.</summary>
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Episode identifier, unique within a run and stable for a given scenario and repetition.</summary>
    public required string EpisodeId { get; init; }

    /// <summary>The run this episode belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>Environment name, version and content hash.</summary>
    public required EnvironmentIdentity Environment { get; init; }

    /// <summary>The scenario played.</summary>
    public required ScenarioReference Scenario { get; init; }

    /// <summary>Seed that fixed every random choice of the episode.</summary>
    public required long Seed { get; init; }

    /// <summary>Repetition index of this scenario within the run (0-based).</summary>
    public required int Repetition { get; init; }

    /// <summary>Identity of the policy (the agent under test).</summary>
    public required ModelIdentity Policy { get; init; }

    /// <summary>Identity of the mock user.</summary>
    public required ModelIdentity User { get; init; }

    /// <summary>Identity of the judge, if an LLM judge (or a reward model in its place, kind reward-model) graded this episode.</summary>
    public ModelIdentity? Judge { get; init; }

    /// <summary>When the episode started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock duration of the episode in milliseconds.</summary>
    public required double DurationMs { get; init; }

    /// <summary>The conversation in the OpenAI chat format, system prompt first.</summary>
    public required IReadOnlyList<ChatMessageRecord> Messages { get; init; }

    /// <summary>One entry per model call (policy or user), with its latency and tokens.</summary>
    public required IReadOnlyList<TurnRecord> Turns { get; init; }

    /// <summary>Every tool call the agent made, with its outcome.</summary>
    public required IReadOnlyList<ToolCallRecord> ToolCalls { get; init; }

    /// <summary>SHA-256 of the canonical JSON of the final state.</summary>
    public required string FinalStateHash { get; init; }

    /// <summary>SHA-256 of the canonical JSON of the state after the scenario's gold actions.</summary>
    public required string GoldStateHash { get; init; }

    /// <summary>Why the episode ended.</summary>
    public required Termination Termination { get; init; }

    /// <summary>The result of every grader of the environment.</summary>
    public required IReadOnlyList<GraderResult> Graders { get; init; }

    /// <summary>The reward computed by the environment's reward formula, in [0, 1].</summary>
    public required double Reward { get; init; }

    /// <summary>Whether the reward reached the environment's success threshold (the basis of pass^k).</summary>
    public required bool Success { get; init; }

    /// <summary>Whether the agent handed the conversation to a human.</summary>
    public required bool Transferred { get; init; }

    /// <summary>Tokens spent, by participant.</summary>
    public required UsageSummary Usage { get; init; }

    /// <summary>Cost in US dollars, by participant.</summary>
    public required CostSummary Cost { get; init; }
}

/// <summary>Which environment, at which version and content, produced a trajectory.</summary>
public sealed record EnvironmentIdentity(string Name, string Version, string ContentHash);

/// <summary>The scenario an episode played.</summary>
public sealed record ScenarioReference(string Id, string Split)
{
    /// <summary>The scenario template that generated the scenario; null (and not written) for a scenario written by hand.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Template { get; init; }
}

/// <summary>Who or what played a part in an episode: a kind (reference, openai, scripted, llm) and a model name.</summary>
public sealed record ModelIdentity(string Kind, string Name)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}:{Name}";
}

/// <summary>Why an episode ended, with a human-readable detail.</summary>
public sealed record Termination(TerminationReason Reason, string? Detail = null);

/// <summary>The ways an episode can end.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TerminationReason>))]
public enum TerminationReason
{
    /// <summary>The mock user ended the conversation with its goal met.</summary>
    [JsonStringEnumMemberName("user_stop")] UserStop,

    /// <summary>The mock user ran out of patience and hung up.</summary>
    [JsonStringEnumMemberName("user_gave_up")] UserGaveUp,

    /// <summary>The agent called the environment's transfer tool.</summary>
    [JsonStringEnumMemberName("agent_transfer")] AgentTransfer,

    /// <summary>The conversation reached the turn limit.</summary>
    [JsonStringEnumMemberName("max_turns")] MaxTurns,

    /// <summary>The agent reached the tool-call limit.</summary>
    [JsonStringEnumMemberName("max_tool_calls")] MaxToolCalls,

    /// <summary>The episode reached the token limit.</summary>
    [JsonStringEnumMemberName("max_tokens")] MaxTokens,

    /// <summary>The episode reached its wall-clock limit.</summary>
    [JsonStringEnumMemberName("max_seconds")] MaxSeconds,

    /// <summary>Something failed (a tool broke its sandbox, a model call failed); the detail says what.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>Latency and tokens of one model call within an episode.</summary>
/// <param name="Index">The call's place in the episode.</param>
/// <param name="Role">Who was called: assistant (the policy) or user.</param>
/// <param name="LatencyMs">How long the call took.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="GeneratedTokens">
/// The exact token ids a local policy sampled for this turn, when it reports them: PPO trains on what was sampled, not
/// on a re-encoding of the text (which differs for malformed tool calls, or whenever sampling left the canonical encoding).
/// </param>
public sealed record TurnRecord(
    int Index,
    string Role,
    double LatencyMs,
    int InputTokens,
    int OutputTokens,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? GeneratedTokens = null);

/// <summary>Token counts, by participant; <see cref="Estimated"/> is true when a model did not report usage.</summary>
public sealed record UsageSummary(TokenCount Policy, TokenCount User, TokenCount Judge, bool Estimated)
{
    /// <summary>All tokens of the episode.</summary>
    public long TotalTokens => Policy.Total + User.Total + Judge.Total;
}

/// <summary>Input and output tokens.</summary>
public sealed record TokenCount(long Input, long Output)
{
    /// <summary>No tokens.</summary>
    public static TokenCount Zero { get; } = new(0, 0);

    /// <summary>Input plus output tokens.</summary>
    public long Total => Input + Output;

    /// <summary>Adds two counts.</summary>
    public static TokenCount operator +(TokenCount a, TokenCount b) => new(a.Input + b.Input, a.Output + b.Output);
}

/// <summary>Cost in US dollars, by participant.</summary>
public sealed record CostSummary(decimal Policy, decimal User, decimal Judge)
{
    /// <summary>Total cost of the episode.</summary>
    public decimal Total => Policy + User + Judge;
}
