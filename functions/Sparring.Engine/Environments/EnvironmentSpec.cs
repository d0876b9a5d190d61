using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sparring.Engine.Environments;

/// <summary>An environment as its author wrote it: agent, tools, state, scenarios, graders, reward and limits.</summary>
public sealed record EnvironmentSpec
{
    /// <summary>Environment name (lowercase, dashes).</summary>
    public required string Name { get; init; }

    /// <summary>Author-chosen version, e.g. 1.2.0.</summary>
    public required string Version { get; init; }

    /// <summary>What the environment simulates.</summary>
    public string? Description { get; init; }

    /// <summary>The agent's instructions and the tools it may call.</summary>
    public required AgentSpec Agent { get; init; }

    /// <summary>JavaScript shared by every tool (helper functions), run once per episode before the tools.</summary>
    public string? Library { get; init; }

    /// <summary>The mocked tools.</summary>
    public required IReadOnlyList<ToolSpec> Tools { get; init; }

    /// <summary>The initial state every episode starts from (a JSON object).</summary>
    public required JsonObject State { get; init; }

    /// <summary>The frozen clock tools see as ctx.now and new Date().</summary>
    public ClockSpec Clock { get; set; } = new();

    /// <summary>
    /// The scenarios (tasks) episodes play: those written by hand and, once loaded, every instance of the templates
    /// after them (template by template, train before test, by index).
    /// </summary>
    public IReadOnlyList<ScenarioSpec> Scenarios { get; set; } = [];

    /// <summary>Generators that make many scenarios from the initial state.</summary>
    public IReadOnlyList<ScenarioTemplateSpec> ScenarioTemplates { get; set; } = [];

    /// <summary>The key (a customer id, say) no test scenario may share with a training scenario or SFT transcript.</summary>
    public SplitKeySpec? SplitKey { get; init; }

    /// <summary>The graders that score every episode.</summary>
    public required IReadOnlyList<GraderSpec> Graders { get; init; }

    /// <summary>How grader scores combine into the reward.</summary>
    public required RewardSpec Reward { get; init; }

    /// <summary>Limits of an episode and of each tool call.</summary>
    public LimitsSpec Limits { get; set; } = new();
}

/// <summary>What the agent is told and what it may call.</summary>
public sealed record AgentSpec
{
    /// <summary>The system prompt.</summary>
    public required string Instructions { get; init; }

    /// <summary>Names of the tools offered to the agent; all tools when omitted.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>The tool whose call hands the conversation to a human and ends the episode.</summary>
    public string? TransferTool { get; init; }
}

/// <summary>A mocked tool: a JSON-schema signature and either a JavaScript implementation or canned responses.</summary>
public sealed record ToolSpec
{
    /// <summary>Tool name the agent calls.</summary>
    public required string Name { get; init; }

    /// <summary>What the tool does, shown to the agent.</summary>
    public required string Description { get; init; }

    /// <summary>JSON Schema of the arguments object.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>JavaScript function expression <c>(args, state, ctx) =&gt; result</c>.</summary>
    public string? Script { get; init; }

    /// <summary>Canned results chosen by matching arguments, for tools without a script.</summary>
    public IReadOnlyList<CannedResponse>? Responses { get; init; }

    /// <summary>Injected failures and latency.</summary>
    public FaultSpec? Faults { get; init; }

    /// <summary>Whether the tool only reads the state (documentation for authors and graders).</summary>
    public bool ReadOnly { get; init; }
}

/// <summary>A canned tool result: returned when every argument in <see cref="When"/> equals the call's.</summary>
public sealed record CannedResponse
{
    /// <summary>Arguments that must match (a subset); an empty or missing object matches every call.</summary>
    public JsonObject? When { get; init; }

    /// <summary>The result returned to the agent.</summary>
    public JsonNode? Result { get; init; }

    /// <summary>An error message returned instead of a result.</summary>
    public string? Error { get; init; }
}

/// <summary>Faults injected into a tool, decided by the episode's seed.</summary>
public sealed record FaultSpec
{
    /// <summary>Probability in [0, 1] that a call fails without running.</summary>
    public double ErrorRate { get; init; }

    /// <summary>The error the agent sees on an injected failure.</summary>
    public string ErrorMessage { get; set; } = "Service temporarily unavailable, please retry.";

    /// <summary>Latency added to every call, in milliseconds.</summary>
    public int LatencyMs { get; init; }
}

/// <summary>The frozen clock tools see.</summary>
public sealed record ClockSpec
{
    /// <summary>The instant tools see as now.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);
}

/// <summary>Limits of an episode, and of every tool call's sandbox.</summary>
public sealed record LimitsSpec
{
    /// <summary>Agent turns (agent message plus user reply) before the episode stops.</summary>
    public int MaxTurns { get; set; } = 30;

    /// <summary>Tool calls before the episode stops.</summary>
    public int MaxToolCalls { get; set; } = 60;

    /// <summary>Tokens (policy plus user) before the episode stops.</summary>
    public int MaxTokens { get; set; } = 200_000;

    /// <summary>Wall-clock seconds before the episode stops.</summary>
    public double MaxSeconds { get; set; } = 600;

    /// <summary>Per-call limits of the JavaScript sandbox.</summary>
    public SandboxLimitsSpec Sandbox { get; set; } = new();
}

/// <summary>Per-call limits of the JavaScript sandbox; breaking one ends the episode.</summary>
public sealed record SandboxLimitsSpec
{
    /// <summary>Wall-clock milliseconds one call may take.</summary>
    public int TimeoutMs { get; set; } = 2000;

    /// <summary>JavaScript statements one call may execute.</summary>
    public int MaxStatements { get; set; } = 1_000_000;

    /// <summary>Bytes one call may allocate.</summary>
    public long MaxMemoryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Call depth one call may reach.</summary>
    public int MaxRecursion { get; set; } = 256;
}
