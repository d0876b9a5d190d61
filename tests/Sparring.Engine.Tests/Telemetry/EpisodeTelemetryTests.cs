using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Telemetry;
using Sparring.Engine.Tests.Fixtures;
using Sparring.Engine.Users;

namespace Sparring.Engine.Tests.Telemetry;

// Listeners see the whole process: this class runs alone, so other tests' episodes do not add to its counts.
[CollectionDefinition(nameof(EpisodeTelemetryTests), DisableParallelization = true)]
public sealed class EpisodeTelemetryCollection;

[Collection(nameof(EpisodeTelemetryTests))]
public sealed class EpisodeTelemetryTests
{
    /// <summary>Asks, looks the order up (a valid call), tries a tool that does not exist (an invalid one), then talks.</summary>
    private static ChatResponse Agent(IReadOnlyList<ChatMessage> history, ChatOptions? options) =>
        history.Count(m => m.Role == ChatRole.Assistant) switch
        {
            0 => FakeChatClient.Say("Sure. What is your order id?"),
            1 => FakeChatClient.Call("c1", "get_order", new() { ["order_id"] = "A1" }),
            2 => FakeChatClient.Call("c2", "teleport_order", new() { ["order_id"] = "A1" }),
            _ => FakeChatClient.Say("Done, thank you."),
        };

    [Fact]
    public async Task An_episode_span_has_model_and_tool_call_children_with_the_ids_and_the_metrics_are_recorded()
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var runner = new EpisodeRunner(environment, new ChatModel(new FakeChatClient(Agent), new ModelIdentity("test", "agent"), new ModelPricing(1m, 2m)), new ScriptedMockUserFactory(), new EpisodeGrader(environment.Spec, judge: null));
        var runId = $"telemetry-{Guid.NewGuid():N}";
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EngineTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tags(tags))));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tags(tags))));
        meters.Start();

        var scenarios = environment.Spec.Scenarios.Select(s => s.Id).ToList();
        var trajectories = new List<Trajectory>();
        foreach (var scenario in scenarios)
        {
            trajectories.Add(await runner.RunAsync(new EpisodeRequest(runId, scenario, 0, 7) { Tenant = "acme" }));
        }

        var ours = spans.Where(s => Equals(s.GetTagItem(TelemetryTags.RunId), runId)).ToList();
        var episodes = ours.Where(s => s.OperationName == "episode").ToList();
        Assert.Equal(scenarios.Count, episodes.Count);
        foreach (var trajectory in trajectories)
        {
            var episode = Assert.Single(episodes, s => Equals(s.GetTagItem(TelemetryTags.EpisodeId), trajectory.EpisodeId));
            Assert.Equal($"episode {trajectory.EpisodeId}", episode.DisplayName);
            Assert.Equal("acme", episode.GetTagItem(TelemetryTags.Tenant));
            Assert.Equal(EpisodeTelemetry.Name(trajectory.Termination.Reason), episode.GetTagItem(TelemetryTags.Termination));
            var children = ours.Where(s => s.ParentSpanId == episode.SpanId).ToList();
            Assert.All(children, child =>
            {
                Assert.Equal(episode.TraceId, child.TraceId);
                Assert.Equal(trajectory.EpisodeId, child.GetTagItem(TelemetryTags.EpisodeId));
                Assert.Equal("acme", child.GetTagItem(TelemetryTags.Tenant));
            });
            var policyCalls = children.Where(s => s.OperationName == "chat" && Equals(s.GetTagItem(TelemetryTags.ModelRole), "policy")).ToList();
            Assert.Equal(trajectory.Turns.Count(t => t.Role == "assistant"), policyCalls.Count);
            Assert.All(policyCalls, call => Assert.Equal("agent", call.GetTagItem(TelemetryTags.RequestModel)));
            Assert.Equal(trajectory.Usage.Policy.Input, policyCalls.Sum(call => (long)call.GetTagItem(TelemetryTags.InputTokens)!));
            Assert.Equal(trajectory.Turns.Count(t => t.Role == "user"), children.Count(s => Equals(s.GetTagItem(TelemetryTags.ModelRole), "user")));
            var tools = children.Where(s => s.OperationName == "execute_tool").ToList();
            Assert.Equal(trajectory.ToolCalls.Select(c => c.Name), tools.Select(t => (string)t.GetTagItem(TelemetryTags.ToolName)!));
        }

        var invalid = ours.Where(s => Equals(s.GetTagItem(TelemetryTags.ToolName), "teleport_order")).ToList();
        Assert.Equal(scenarios.Count, invalid.Count);
        Assert.All(invalid, s => Assert.Equal(("invalid", ActivityStatusCode.Error), (s.GetTagItem(TelemetryTags.ToolOutcome), s.Status)));
        Assert.All(ours.Where(s => Equals(s.GetTagItem(TelemetryTags.ToolName), "get_order")), s => Assert.Equal("valid", s.GetTagItem(TelemetryTags.ToolOutcome)));

        var acme = measurements.Where(m => Equals(m.Tags.GetValueOrDefault(TelemetryTags.Tenant), "acme")).ToList();
        Assert.Equal(scenarios.Count, acme.Where(m => m.Instrument == "sparring.episodes").Sum(m => m.Value));
        Assert.All(acme.Where(m => m.Instrument == "sparring.episodes"), m => Assert.Equal("mini-shop", m.Tags[TelemetryTags.Environment]));
        Assert.Equal(trajectories.Select(t => t.Reward).Order(), acme.Where(m => m.Instrument == "sparring.episode.reward").Select(m => m.Value).Order());
        Assert.Equal(scenarios.Count, acme.Count(m => m.Instrument == "sparring.episode.duration"));
        Assert.Equal(
            trajectories.Sum(t => t.Usage.Policy.Output),
            measurements.Where(m => m.Instrument == "sparring.model.tokens" && Equals(m.Tags[TelemetryTags.ModelRole], "policy") && Equals(m.Tags[TelemetryTags.TokenType], "output")).Sum(m => m.Value));
        Assert.Equal(
            (double)trajectories.Sum(t => t.Cost.Policy),
            measurements.Where(m => m.Instrument == "sparring.model.cost" && Equals(m.Tags[TelemetryTags.ModelRole], "policy")).Sum(m => m.Value),
            9);
        var toolErrors = measurements.Where(m => m.Instrument == "sparring.tool.errors").ToList();
        Assert.Equal(scenarios.Count, toolErrors.Sum(m => m.Value));
        Assert.All(toolErrors, m => Assert.Equal(("teleport_order", "invalid"), (m.Tags[TelemetryTags.ToolName], m.Tags[TelemetryTags.ToolOutcome])));
    }

    [Fact]
    public async Task What_the_runner_logs_during_an_episode_carries_the_run_tenant_and_episode_ids()
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var logger = new ScopeCapturingLogger();
        var broken = new FakeChatClient((_, _) => throw new InvalidOperationException("the model is down"));
        var runner = new EpisodeRunner(environment, new ChatModel(broken, new ModelIdentity("test", "broken"), new ModelPricing(0m, 0m)), new ScriptedMockUserFactory(), new EpisodeGrader(environment.Spec, judge: null), logger: logger);

        var trajectory = await runner.RunAsync(new EpisodeRequest("r-logs", "cancel-a1", 0, 1) { Tenant = "acme" });

        Assert.Equal(TerminationReason.Error, trajectory.Termination.Reason);
        var (_, scope) = Assert.Single(logger.Records);
        Assert.Equal("r-logs", scope["RunId"]);
        Assert.Equal("acme", scope["Tenant"]);
        Assert.Equal("cancel-a1.0", scope["EpisodeId"]);
    }

    [Fact]
    public void Termination_names_are_the_ones_trajectories_use()
    {
        foreach (var reason in Enum.GetValues<TerminationReason>())
        {
            Assert.Equal(JsonSerializer.Serialize(reason, SparringJsonContext.Default.TerminationReason), $"\"{EpisodeTelemetry.Name(reason)}\"");
        }
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        return copy;
    }

    /// <summary>Records each log with the key-value pairs of the scopes open when it was written.</summary>
    private sealed class ScopeCapturingLogger : ILogger<EpisodeRunner>
    {
        private readonly AsyncLocal<ImmutableScope?> _scope = new();

        public List<(string Message, Dictionary<string, object?> Scope)> Records { get; } = [];

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var parent = _scope.Value;
            _scope.Value = new ImmutableScope(state, parent);
            return new Restore(() => _scope.Value = parent);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var scope = _scope.Value; scope is not null; scope = scope.Parent)
            {
                if (scope.State is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var pair in pairs)
                    {
                        values.TryAdd(pair.Key, pair.Value);
                    }
                }
            }

            Records.Add((formatter(state, exception), values));
        }

        private sealed record ImmutableScope(object State, ImmutableScope? Parent);

        private sealed class Restore(Action restore) : IDisposable
        {
            public void Dispose() => restore();
        }
    }
}
