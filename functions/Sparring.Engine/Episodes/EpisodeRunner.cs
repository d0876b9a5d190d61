using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Engine.Telemetry;
using Sparring.Engine.Tools;
using Sparring.Engine.Users;

namespace Sparring.Engine.Episodes;

/// <summary>
/// Runs episodes: the policy talks with a mock user and calls the environment's tools, which the engine executes
/// against the episode's own state, until the user stops, the agent transfers, a limit is reached or something
/// fails. A failure ends only its episode, with the reason recorded. Thread-safe: run many episodes at once.
/// </summary>
public sealed class EpisodeRunner
{
    private readonly LoadedEnvironment _environment;
    private readonly ChatModel _policy;
    private readonly IMockUserFactory _users;
    private readonly EpisodeGrader _grader;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<AITool> _tools;
    private readonly Func<Exception, bool> _isTransient;

    /// <summary>Creates a runner for one environment, policy, kind of user and grader set.</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="policy">The agent under test.</param>
    /// <param name="users">Makes each episode's mock user.</param>
    /// <param name="grader">Scores episodes.</param>
    /// <param name="timeProvider">The clock; pin it to make trajectories byte-identical.</param>
    /// <param name="logger">Logs failed episodes.</param>
    /// <param name="isTransient">
    /// Failures of a model call that the caller would rather retry than record (a 429, a 5xx): they propagate out
    /// of <see cref="RunAsync"/> instead of ending the episode. None by default.
    /// </param>
    public EpisodeRunner(LoadedEnvironment environment, ChatModel policy, IMockUserFactory users, EpisodeGrader grader, TimeProvider? timeProvider = null, ILogger<EpisodeRunner>? logger = null, Func<Exception, bool>? isTransient = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(grader);
        _environment = environment;
        _policy = policy;
        _users = users;
        _grader = grader;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<EpisodeRunner>.Instance;
        _isTransient = isTransient ?? (_ => false);
        _tools = [.. environment.Spec.Tools
            .Where(t => environment.Tools.OfferedTools.Contains(t.Name))
            .Select(t => AIFunctionFactory.CreateDeclaration(t.Name, t.Description, t.Parameters))];
    }

    /// <summary>The policy's identity.</summary>
    public ModelIdentity Policy => _policy.Identity;

    /// <summary>The users' identity.</summary>
    public ModelIdentity User => _users.Identity;

    /// <summary>The identity of what scores rubrics (the judge, or a reward model in its place), if anything does.</summary>
    public ModelIdentity? Judge => _grader.JudgeIdentity;

    /// <summary>Runs one episode and returns its scored trajectory.</summary>
    public async Task<Trajectory> RunAsync(EpisodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scenario = _environment.Scenario(request.ScenarioId);
        var limits = _environment.Spec.Limits;
        // A logger that writes nothing (benchmarks, tests) needs no scope, and the episode no dictionary.
        using var scope = _logger.IsEnabled(LogLevel.Critical) ? _logger.BeginScope(LogScope(request)) : null;
        using var activity = EpisodeTelemetry.StartEpisode(request, _environment.Spec, scenario.Id, _policy.Identity, _users.Identity);
        var startedAt = _time.GetUtcNow();
        var clock = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(limits.MaxSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var tools = _environment.Tools.OpenSession(DeterministicRandom.SeedFrom($"faults/{request.Seed}"), _time, linked.Token);
        var state = new EpisodeState(_environment.Spec.Agent.Instructions, new EpisodeUsage(_policy.Pricing, _users.Pricing));

        Termination termination;
        try
        {
            termination = await ConverseAsync(request, scenario, tools, state, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            termination = new Termination(TerminationReason.MaxSeconds, $"the episode ran past {limits.MaxSeconds:0.#} s");
        }
        catch (SandboxViolationException ex)
        {
            termination = new Termination(TerminationReason.Error, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !_isTransient(ex))
        {
            _logger.LogWarning(ex, "Episode {EpisodeId} of run {RunId} failed", request.EpisodeId, request.RunId);
            termination = new Termination(TerminationReason.Error, $"{state.Stage} failed: {ex.GetType().Name}: {ex.Message}");
        }
        catch (Exception ex) when (EpisodeTelemetry.Escaped(activity, ex))
        {
            // Never entered: the filter only marks the span of an episode whose exception leaves the runner.
            throw;
        }

        var messages = ChatFormat.ToRecords(state.Messages);
        var finalHash = tools.StateHash();
        var goldHash = _environment.GoldStateHashes[scenario.Id];
        var context = new GradingContext(scenario, messages, state.ToolCalls, finalHash, goldHash, state.Transferred, termination);
        var (results, reward, success) = await _grader.GradeAsync(context, cancellationToken).ConfigureAwait(false);
        if (termination.Reason == TerminationReason.Error)
        {
            // A broken episode says nothing about the policy's skill; it must not be trained on as a good one.
            (reward, success) = (0, false);
        }

        var judgeCost = results.Sum(r => r.CostUsd);
        var trajectory = new Trajectory
        {
            EpisodeId = request.EpisodeId,
            RunId = request.RunId,
            Environment = _environment.Identity,
            Scenario = new ScenarioReference(scenario.Id, scenario.Split) { Template = scenario.Template },
            Seed = request.Seed,
            Repetition = request.Repetition,
            Policy = _policy.Identity,
            User = _users.Identity,
            Judge = _grader.JudgeIdentity,
            StartedAt = startedAt,
            DurationMs = Math.Round(_time.GetElapsedTime(clock).TotalMilliseconds, 3),
            Messages = messages,
            Turns = state.Usage.Turns,
            ToolCalls = state.ToolCalls,
            FinalStateHash = finalHash,
            GoldStateHash = goldHash,
            Termination = termination,
            Graders = results,
            Reward = reward,
            Success = success,
            Transferred = state.Transferred,
            Usage = state.Usage.Summary,
            Cost = state.Usage.Cost(judgeCost),
        };
        EpisodeTelemetry.EndEpisode(activity, trajectory, request.Tenant);
        return trajectory;
    }

    // A dictionary, so that every log provider (console scopes, OpenTelemetry attributes) reads the ids by name.
    private static Dictionary<string, object?> LogScope(EpisodeRequest request)
    {
        var scope = new Dictionary<string, object?>(3, StringComparer.Ordinal) { ["RunId"] = request.RunId, ["EpisodeId"] = request.EpisodeId };
        if (request.Tenant is { } tenant)
        {
            scope["Tenant"] = tenant;
        }

        return scope;
    }

    private async Task<Termination> ConverseAsync(EpisodeRequest request, ScenarioSpec scenario, ToolSession tools, EpisodeState state, CancellationToken cancellationToken)
    {
        var limits = _environment.Spec.Limits;
        var user = EpisodeParticipants.User(_users, scenario, request.Seed, state.Usage, _time);
        var policy = EpisodeParticipants.Policy(_policy, state.Usage, _time);
        state.Stage = "the mock user";
        var opening = await user.StartAsync(cancellationToken).ConfigureAwait(false);
        state.Messages.Add(new ChatMessage(ChatRole.User, opening.Text));
        var options = new ChatOptions { Tools = [.. _tools], ToolMode = ChatToolMode.Auto, Seed = request.Seed, AllowMultipleToolCalls = true };

        for (var turn = 1; ; turn++)
        {
            string? said = null;
            while (said is null)
            {
                if (state.Usage.TotalTokens > limits.MaxTokens)
                {
                    return new Termination(TerminationReason.MaxTokens, $"{state.Usage.TotalTokens:N0} tokens used, limit {limits.MaxTokens:N0}");
                }

                state.Stage = "the policy";
                var response = await policy.GetResponseAsync(state.Messages, options, cancellationToken).ConfigureAwait(false);
                var reply = Normalize(response, state);
                state.Messages.Add(reply);

                var calls = reply.Contents.OfType<FunctionCallContent>().ToList();
                var text = string.Concat(reply.Contents.OfType<TextContent>().Select(t => t.Text)).Trim();
                if (calls.Count == 0)
                {
                    if (text.Length == 0)
                    {
                        return new Termination(TerminationReason.Error, "the policy returned an empty message (no text and no tool call)");
                    }

                    said = text;
                    break;
                }

                var results = new List<AIContent>();
                foreach (var call in calls)
                {
                    if (state.ToolCalls.Count >= limits.MaxToolCalls)
                    {
                        return new Termination(TerminationReason.MaxToolCalls, $"{state.ToolCalls.Count} tool calls made, limit {limits.MaxToolCalls}");
                    }

                    state.Stage = $"tool '{call.Name}'";
                    var outcome = await ExecuteAsync(call, tools, state, cancellationToken).ConfigureAwait(false);
                    results.Add(new FunctionResultContent(call.CallId, outcome.Result));
                    if (call.Name == _environment.Spec.Agent.TransferTool && outcome.Error is null)
                    {
                        state.Transferred = true;
                    }
                }

                state.Messages.Add(new ChatMessage(ChatRole.Tool, results));
                if (state.Transferred)
                {
                    return new Termination(TerminationReason.AgentTransfer, "the agent transferred the customer to a human");
                }
            }

            state.Stage = "the mock user";
            var answer = await user.RespondAsync(said, cancellationToken).ConfigureAwait(false);
            if (answer.Text.Length > 0)
            {
                state.Messages.Add(new ChatMessage(ChatRole.User, answer.Text));
            }

            switch (answer.Ending)
            {
                case UserEnding.Satisfied:
                    return new Termination(TerminationReason.UserStop, "the user ended the conversation");
                case UserEnding.GaveUp:
                    return new Termination(TerminationReason.UserGaveUp, "the user ran out of patience");
            }

            if (turn >= limits.MaxTurns)
            {
                return new Termination(TerminationReason.MaxTurns, $"{turn} agent turns, limit {limits.MaxTurns}");
            }
        }
    }

    private async Task<ToolOutcome> ExecuteAsync(FunctionCallContent call, ToolSession tools, EpisodeState state, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var argumentsJson = ChatFormat.ArgumentsJson(call);
        ToolOutcome outcome;
        using (var span = EpisodeTelemetry.StartToolCall(call.Name, call.CallId))
        {
            outcome = call.Exception is not null
                ? ToolOutcome.Failure($"the call to '{call.Name}' is malformed: {call.Exception.Message}", valid: false)
                : await tools.InvokeAsync(call.Name, argumentsJson, offeredOnly: true, cancellationToken).ConfigureAwait(false);
            EpisodeTelemetry.EndToolCall(span, call.Name, outcome, _environment.Spec.Name);
        }

        using var arguments = JsonDocument.Parse(argumentsJson);
        state.ToolCalls.Add(new ToolCallRecord
        {
            Id = call.CallId,
            Name = call.Name,
            Arguments = arguments.RootElement.Clone(),
            Result = outcome.Result,
            Valid = outcome.Valid,
            Error = outcome.Error,
            FaultInjected = outcome.FaultInjected,
            LatencyMs = Math.Round(_time.GetElapsedTime(started).TotalMilliseconds, 3),
        });
        return outcome;
    }

    // Policies may omit call ids; the transcript needs them to pair calls with results.
    private static ChatMessage Normalize(ChatResponse response, EpisodeState state)
    {
        var contents = new List<AIContent>();
        foreach (var content in response.Messages.SelectMany(m => m.Contents))
        {
            switch (content)
            {
                case FunctionCallContent call:
                    var id = string.IsNullOrEmpty(call.CallId) ? $"call_{++state.CallCounter}" : call.CallId;
                    contents.Add(new FunctionCallContent(id, call.Name, call.Arguments) { Exception = call.Exception });
                    break;
                case TextContent text:
                    contents.Add(new TextContent(text.Text));
                    break;
            }
        }

        var message = new ChatMessage(ChatRole.Assistant, contents);
        if (response.Messages.Select(GeneratedTokens.Of).LastOrDefault(tokens => tokens is not null) is { } generated)
        {
            GeneratedTokens.Attach(message, generated);
        }

        return message;
    }

    private sealed class EpisodeState(string instructions, EpisodeUsage usage)
    {
        public List<ChatMessage> Messages { get; } = [new(ChatRole.System, instructions)];

        public List<ToolCallRecord> ToolCalls { get; } = [];

        // Written by the policy's and the user's middleware: turns, tokens and cost.
        public EpisodeUsage Usage { get; } = usage;

        public bool Transferred { get; set; }

        public int CallCounter { get; set; }

        public string Stage { get; set; } = "the episode";
    }
}
