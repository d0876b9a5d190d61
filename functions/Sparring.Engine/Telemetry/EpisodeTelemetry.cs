using System.Diagnostics;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Telemetry;

/// <summary>
/// What an episode reports: the episode span with its model-call children (from the chat middleware and the metered
/// mock user) and tool-call children, and the episode metrics. Tags are set only on a span someone records, so an
/// unobserved episode pays for a null check.
/// </summary>
internal static class EpisodeTelemetry
{
    public const string PolicyRole = "policy";
    public const string UserRole = "user";
    public const string JudgeRole = "judge";

    public static Activity? StartEpisode(EpisodeRequest request, EnvironmentSpec environment, string scenarioId, ModelIdentity policy, ModelIdentity user)
    {
        var activity = EngineTelemetry.Source.StartActivity("episode");
        if (activity is not null)
        {
            activity.DisplayName = $"episode {request.EpisodeId}";
            activity.SetTag(TelemetryTags.RunId, request.RunId);
            activity.SetTag(TelemetryTags.EpisodeId, request.EpisodeId);
            if (request.Tenant is { } tenant)
            {
                activity.SetTag(TelemetryTags.Tenant, tenant);
            }

            activity.SetTag(TelemetryTags.Environment, environment.Name);
            activity.SetTag(TelemetryTags.EnvironmentVersion, environment.Version);
            activity.SetTag(TelemetryTags.Scenario, scenarioId);
            activity.SetTag(TelemetryTags.Seed, request.Seed);
            activity.SetTag("sparring.policy", policy.ToString());
            activity.SetTag("sparring.user", user.ToString());
        }

        return activity;
    }

    /// <summary>Marks a span (an episode, a model call) whose work ended in an exception that leaves it; never catches it.</summary>
    public static bool Escaped(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        return false;
    }

    public static void EndEpisode(Activity? activity, Trajectory trajectory, string? tenant)
    {
        var termination = Name(trajectory.Termination.Reason);
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.Termination, termination);
            activity.SetTag(TelemetryTags.Reward, trajectory.Reward);
            activity.SetTag(TelemetryTags.Success, trajectory.Success);
            activity.SetTag(TelemetryTags.CostUsd, (double)trajectory.Cost.Total);
            activity.SetTag("sparring.turns", trajectory.Turns.Count);
            activity.SetTag("sparring.tool_calls", trajectory.ToolCalls.Count);
            if (trajectory.Termination.Reason == TerminationReason.Error)
            {
                activity.SetStatus(ActivityStatusCode.Error, trajectory.Termination.Detail);
            }
        }

        var tags = new TagList { { TelemetryTags.Environment, trajectory.Environment.Name }, { TelemetryTags.Termination, termination } };
        if (tenant is not null)
        {
            tags.Add(TelemetryTags.Tenant, tenant);
        }

        EngineTelemetry.Episodes.Add(1, tags);
        EngineTelemetry.EpisodeDuration.Record(trajectory.DurationMs / 1000, tags);
        EngineTelemetry.Reward.Record(trajectory.Reward, tags);
        RecordTokens(PolicyRole, trajectory.Usage.Policy);
        RecordTokens(UserRole, trajectory.Usage.User);
        RecordCost(PolicyRole, trajectory.Cost.Policy);
        RecordCost(UserRole, trajectory.Cost.User);
        RecordCost(JudgeRole, trajectory.Cost.Judge);
    }

    public static Activity? StartModelCall(string role, ModelIdentity model)
    {
        var activity = EngineTelemetry.Source.StartActivity("chat", ActivityKind.Client);
        if (activity is not null)
        {
            activity.DisplayName = $"chat {model.Name}";
            CopyIds(activity);
            activity.SetTag(TelemetryTags.Operation, "chat");
            activity.SetTag(TelemetryTags.ModelRole, role);
            activity.SetTag(TelemetryTags.ModelKind, model.Kind);
            activity.SetTag(TelemetryTags.RequestModel, model.Name);
        }

        return activity;
    }

    public static void EndModelCall(Activity? activity, TokenCount tokens, bool estimated)
    {
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.InputTokens, tokens.Input);
            activity.SetTag(TelemetryTags.OutputTokens, tokens.Output);
            if (estimated)
            {
                activity.SetTag("sparring.usage.estimated", true);
            }
        }
    }

    public static Activity? StartToolCall(string tool, string callId)
    {
        var activity = EngineTelemetry.Source.StartActivity("execute_tool");
        if (activity is not null)
        {
            activity.DisplayName = $"execute_tool {tool}";
            CopyIds(activity);
            activity.SetTag(TelemetryTags.Operation, "execute_tool");
            activity.SetTag(TelemetryTags.ToolName, tool);
            activity.SetTag(TelemetryTags.ToolCallId, callId);
        }

        return activity;
    }

    public static void EndToolCall(Activity? activity, string tool, ToolOutcome outcome, string environment)
    {
        var result = !outcome.Valid ? "invalid" : outcome.Error is null ? "valid" : "error";
        if (activity is not null)
        {
            activity.SetTag(TelemetryTags.ToolOutcome, result);
            if (outcome.Error is { } error)
            {
                activity.SetTag(TelemetryTags.FaultInjected, outcome.FaultInjected);
                activity.SetStatus(ActivityStatusCode.Error, error);
            }
        }

        if (outcome.Error is not null || !outcome.Valid)
        {
            EngineTelemetry.ToolErrors.Add(
                1,
                new KeyValuePair<string, object?>(TelemetryTags.ToolName, tool),
                new KeyValuePair<string, object?>(TelemetryTags.ToolOutcome, result),
                new KeyValuePair<string, object?>(TelemetryTags.Environment, environment));
        }
    }

    /// <summary>Tokens of one role on the token counter.</summary>
    public static void RecordTokens(string role, TokenCount tokens)
    {
        if (!EngineTelemetry.Tokens.Enabled)
        {
            return;
        }

        var owner = new KeyValuePair<string, object?>(TelemetryTags.ModelRole, role);
        EngineTelemetry.Tokens.Add(tokens.Input, owner, new KeyValuePair<string, object?>(TelemetryTags.TokenType, "input"));
        EngineTelemetry.Tokens.Add(tokens.Output, owner, new KeyValuePair<string, object?>(TelemetryTags.TokenType, "output"));
    }

    /// <summary>The name trajectories and reports give a termination reason.</summary>
    public static string Name(TerminationReason reason) => reason switch
    {
        TerminationReason.UserStop => "user_stop",
        TerminationReason.UserGaveUp => "user_gave_up",
        TerminationReason.AgentTransfer => "agent_transfer",
        TerminationReason.MaxTurns => "max_turns",
        TerminationReason.MaxToolCalls => "max_tool_calls",
        TerminationReason.MaxTokens => "max_tokens",
        TerminationReason.MaxSeconds => "max_seconds",
        _ => "error",
    };

    // Model and tool calls carry their episode's ids too, so a query for one id finds every span of it.
    private static void CopyIds(Activity activity)
    {
        if (activity.Parent is { } parent)
        {
            foreach (var name in (ReadOnlySpan<string>)[TelemetryTags.RunId, TelemetryTags.Tenant, TelemetryTags.EpisodeId])
            {
                if (parent.GetTagItem(name) is { } value)
                {
                    activity.SetTag(name, value);
                }
            }
        }
    }

    private static void RecordCost(string role, decimal cost)
    {
        if (cost > 0)
        {
            EngineTelemetry.Cost.Add((double)cost, new KeyValuePair<string, object?>(TelemetryTags.ModelRole, role));
        }
    }
}
