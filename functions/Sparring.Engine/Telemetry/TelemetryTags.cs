namespace Sparring.Engine.Telemetry;

/// <summary>
/// Attribute names on Sparring's spans and metrics. Model and tool calls use OpenTelemetry's GenAI names
/// (<c>gen_ai.*</c>); the rest are Sparring's own.
/// </summary>
public static class TelemetryTags
{
    /// <summary>The run id.</summary>
    public const string RunId = "sparring.run.id";

    /// <summary>The tenant that owns the run or job.</summary>
    public const string Tenant = "sparring.tenant";

    /// <summary>The episode id (<c>scenario.repetition</c>).</summary>
    public const string EpisodeId = "sparring.episode.id";

    /// <summary>The environment's name.</summary>
    public const string Environment = "sparring.environment";

    /// <summary>The environment's version.</summary>
    public const string EnvironmentVersion = "sparring.environment.version";

    /// <summary>The scenario an episode plays.</summary>
    public const string Scenario = "sparring.scenario";

    /// <summary>The episode's seed.</summary>
    public const string Seed = "sparring.episode.seed";

    /// <summary>Why the episode ended (user_stop, agent_transfer, max_turns, error, …).</summary>
    public const string Termination = "sparring.termination";

    /// <summary>The episode's reward.</summary>
    public const string Reward = "sparring.reward";

    /// <summary>Whether the episode succeeded.</summary>
    public const string Success = "sparring.success";

    /// <summary>The episode's cost in US dollars.</summary>
    public const string CostUsd = "sparring.cost.usd";

    /// <summary>The batch of a run (the EpisodeBatch sub-orchestration's index).</summary>
    public const string BatchIndex = "sparring.batch.index";

    /// <summary>Episodes counted by a span (a batch's, a run's).</summary>
    public const string Episodes = "sparring.episodes";

    /// <summary>The part a model plays: policy, user or judge.</summary>
    public const string ModelRole = "sparring.model.role";

    /// <summary>The model's kind (reference, openai, scripted, llm, checkpoint, …).</summary>
    public const string ModelKind = "sparring.model.kind";

    /// <summary>GenAI: the operation (chat, execute_tool).</summary>
    public const string Operation = "gen_ai.operation.name";

    /// <summary>GenAI: the model asked.</summary>
    public const string RequestModel = "gen_ai.request.model";

    /// <summary>GenAI: input tokens of a model call.</summary>
    public const string InputTokens = "gen_ai.usage.input_tokens";

    /// <summary>GenAI: output tokens of a model call.</summary>
    public const string OutputTokens = "gen_ai.usage.output_tokens";

    /// <summary>GenAI: input or output, on token metrics.</summary>
    public const string TokenType = "gen_ai.token.type";

    /// <summary>GenAI: the tool called.</summary>
    public const string ToolName = "gen_ai.tool.name";

    /// <summary>GenAI: the tool call's id.</summary>
    public const string ToolCallId = "gen_ai.tool.call.id";

    /// <summary>A tool call's outcome: valid, invalid (not offered or arguments against its schema) or error.</summary>
    public const string ToolOutcome = "sparring.tool.outcome";

    /// <summary>Whether a tool call's failure was an injected fault.</summary>
    public const string FaultInjected = "sparring.tool.fault_injected";

    /// <summary>The training job's id.</summary>
    public const string JobId = "sparring.job.id";

    /// <summary>The training job's kind (sft, reward-model, ppo).</summary>
    public const string JobKind = "sparring.job.kind";

    /// <summary>A PPO step's number.</summary>
    public const string Step = "sparring.ppo.step";
}
