using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Policies;
using Sparring.Engine.Runs;
using Sparring.Engine.Tests.Fixtures;
using Sparring.Engine.Users;

namespace Sparring.Engine.Tests.Episodes;

public class EpisodeRunnerTests
{
    /// <summary>A competent agent for the cancel-a1 scenario: asks, confirms the reason, cancels, reports.</summary>
    private static ChatResponse CancelAgent(IReadOnlyList<ChatMessage> history, ChatOptions? options)
    {
        var step = history.Count(m => m.Role == ChatRole.Assistant);
        return step switch
        {
            0 => FakeChatClient.Say("Sure. What is your order id?"),
            1 => FakeChatClient.Say("What is the reason for the cancellation?"),
            2 => FakeChatClient.Call("c1", "cancel_order", new() { ["order_id"] = "A1", ["reason"] = "no longer needed" }),
            _ => FakeChatClient.Say($"Your order A1 has been cancelled; refund reference {RefundId(history)}."),
        };
    }

    private static string RefundId(IReadOnlyList<ChatMessage> history)
    {
        var result = history.Last(m => m.Role == ChatRole.Tool).Contents.OfType<FunctionResultContent>().Single().Result!.ToString()!;
        return JsonDocument.Parse(result).RootElement.GetProperty("refund").GetString()!;
    }

    private static EpisodeRunner Runner(LoadedEnvironment environment, IChatClient policy, TimeProvider? time = null) =>
        new(environment, new ChatModel(policy, new ModelIdentity("test", "policy"), new ModelPricing(1m, 2m)), new ScriptedMockUserFactory(), new EpisodeGrader(environment.Spec, judge: null), time);

    [Fact]
    public async Task A_competent_agent_earns_full_reward_and_an_OpenAI_format_transcript()
    {
        var environment = await Fixture.LoadAsync("mini-shop");

        var trajectory = await Runner(environment, new FakeChatClient(CancelAgent)).RunAsync(new EpisodeRequest("run", "cancel-a1", 0, 42));

        Assert.Equal(TerminationReason.UserStop, trajectory.Termination.Reason);
        Assert.Equal(1, trajectory.Reward, 12);
        Assert.True(trajectory.Success);
        Assert.Equal(trajectory.GoldStateHash, trajectory.FinalStateHash);
        Assert.Equal("system", trajectory.Messages[0].Role);
        var call = Assert.Single(trajectory.Messages, m => m.ToolCalls is not null);
        Assert.Null(call.Content);
        Assert.Equal("cancel_order", call.ToolCalls![0].Function.Name);
        Assert.Equal("""{"order_id":"A1","reason":"no longer needed"}""", call.ToolCalls[0].Function.Arguments);
        var result = Assert.Single(trajectory.Messages, m => m.Role == "tool");
        Assert.Equal("c1", result.ToolCallId);
        Assert.Equal("cancel_order", result.Name);
        Assert.Single(trajectory.ToolCalls);
        Assert.Contains(trajectory.Graders, g => g is { Name: "quality", Applicable: false });
        Assert.True(trajectory.Usage.Estimated);
        Assert.True(trajectory.Cost.Policy > 0);
    }

    [Fact]
    public async Task The_same_seed_gives_a_byte_identical_trajectory()
    {
        var environment = await Fixture.LoadAsync("mini-shop");

        async Task<string> Run(long seed)
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(3) };
            var trajectories = new List<string>();
            foreach (var scenario in environment.Spec.Scenarios)
            {
                var trajectory = await Runner(environment, new RandomPolicy(), clock).RunAsync(new EpisodeRequest("run", scenario.Id, 0, seed));
                trajectories.Add(JsonSerializer.Serialize(trajectory, SparringJsonContext.Default.Trajectory));
            }

            return string.Join("\n", trajectories);
        }

        var first = await Run(11);
        Assert.Equal(first, await Run(11));
        Assert.NotEqual(first, await Run(12));
    }

    [Theory]
    [InlineData("spin", "statement limit")]
    [InlineData("hog", "memory limit")]
    public async Task A_tool_breaking_its_sandbox_ends_only_its_episode(string tool, string reason)
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var policy = new FakeChatClient((history, _) =>
            history.Any(m => m.Text.Contains("refund", StringComparison.Ordinal)) || history.Any(m => m.Text.Contains("charged twice", StringComparison.Ordinal))
                ? FakeChatClient.Call("bad", tool, [])
                : CancelAgent(history, null));
        var plan = EvaluationPlan.Create(environment, "run", 2, seed: 5, scenarioIds: ["cancel-a1", "refund-dispute"]);
        var sink = new ListSink();

        var report = await new EvaluationRunner(Runner(environment, policy)).RunAsync("run", environment, plan, 2, sink, null, default);

        var broken = sink.Trajectories.Where(t => t.Scenario.Id == "refund-dispute").ToList();
        Assert.Equal(2, broken.Count);
        Assert.All(broken, t =>
        {
            Assert.Equal(TerminationReason.Error, t.Termination.Reason);
            Assert.Contains($"tool '{tool}' exceeded its {reason}", t.Termination.Detail, StringComparison.Ordinal);
            Assert.Equal(0, t.Reward);
        });
        Assert.All(sink.Trajectories.Where(t => t.Scenario.Id == "cancel-a1"), t => Assert.Equal(1, t.Reward, 12));
        Assert.Equal(4, report.Episodes);
        Assert.Equal(2, report.Terminations["error"]);
        Assert.Equal(0.5, report.MeanReward, 9);
    }

    [Fact]
    public async Task Calling_the_transfer_tool_ends_the_episode_as_a_transfer()
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var policy = new FakeChatClient((_, _) => FakeChatClient.Call("t", "transfer_to_human", new() { ["summary"] = "double charge" }));

        var trajectory = await Runner(environment, policy).RunAsync(new EpisodeRequest("run", "refund-dispute", 0, 1));

        Assert.Equal(TerminationReason.AgentTransfer, trajectory.Termination.Reason);
        Assert.True(trajectory.Transferred);
        Assert.Equal(1, trajectory.Graders.Single(g => g.Name == "containment").Score);
    }

    [Fact]
    public async Task An_agent_that_never_helps_runs_into_the_turn_limit_or_the_users_patience()
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var idle = new FakeChatClient((_, _) => FakeChatClient.Say("Hmm."));

        var patient = await Runner(environment, idle).RunAsync(new EpisodeRequest("run", "cancel-a1", 0, 1));
        var impatient = await Runner(environment, idle).RunAsync(new EpisodeRequest("run", "refund-dispute", 0, 1));

        Assert.Equal(TerminationReason.MaxTurns, patient.Termination.Reason);
        Assert.Equal(TerminationReason.UserGaveUp, impatient.Termination.Reason);
        Assert.Equal(0, impatient.Graders.Single(g => g.Name == "containment").Score);
    }

    [Fact]
    public async Task The_tool_call_limit_stops_a_looping_agent()
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var looping = new FakeChatClient((history, _) => FakeChatClient.Call($"c{history.Count}", "get_order", new() { ["order_id"] = "A2" }));

        var trajectory = await Runner(environment, looping).RunAsync(new EpisodeRequest("run", "cancel-a1", 0, 1));

        Assert.Equal(TerminationReason.MaxToolCalls, trajectory.Termination.Reason);
        Assert.Equal(5, trajectory.ToolCalls.Count);
    }

    [Fact]
    public async Task A_failing_policy_ends_the_episode_with_the_reason()
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var failing = new FakeChatClient((_, _) => throw new HttpRequestException("503 Service Unavailable"));

        var trajectory = await Runner(environment, failing).RunAsync(new EpisodeRequest("run", "cancel-a1", 0, 1));

        Assert.Equal(TerminationReason.Error, trajectory.Termination.Reason);
        Assert.Contains("the policy failed: HttpRequestException: 503", trajectory.Termination.Detail, StringComparison.Ordinal);
        Assert.Equal(0, trajectory.Reward);
    }

    [Fact]
    public async Task Invalid_and_failing_tool_calls_reach_the_agent_as_errors_and_count_against_validity()
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var policy = new FakeChatClient((history, _) => history.Count(m => m.Role == ChatRole.Assistant) switch
        {
            0 => FakeChatClient.Call("a", "cancel_order", new() { ["order_id"] = "A1" }),
            1 => FakeChatClient.Call("b", "cancel_order", new() { ["order_id"] = "A2", ["reason"] = "ordered by mistake" }),
            2 => FakeChatClient.Call("c", "delete_everything", []),
            _ => FakeChatClient.Say("I could not do it."),
        });

        var trajectory = await Runner(environment, policy).RunAsync(new EpisodeRequest("run", "cancel-a1", 0, 1));

        Assert.StartsWith("Error: invalid arguments for 'cancel_order'", trajectory.ToolCalls[0].Result, StringComparison.Ordinal);
        Assert.Contains("reason", trajectory.ToolCalls[0].Result, StringComparison.Ordinal);
        Assert.Equal("Error: order is delivered, only pending orders can be cancelled", trajectory.ToolCalls[1].Result);
        Assert.True(trajectory.ToolCalls[1].Valid);
        Assert.Equal("Error: unknown tool 'delete_everything'", trajectory.ToolCalls[2].Result);
        Assert.Equal(1 / 3.0, trajectory.Graders.Single(g => g.Name == "tools").Score, 9);
    }

    [Fact]
    public async Task A_malformed_call_from_the_policy_is_an_invalid_call_that_says_why()
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var policy = new FakeChatClient((history, _) => history.Count(m => m.Role == ChatRole.Assistant) switch
        {
            0 => new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("m1", "get_order") { Exception = new InvalidDataException("the argument 'order_id' is given twice") }])),
            _ => FakeChatClient.Say("I could not do it."),
        });

        var trajectory = await Runner(environment, policy).RunAsync(new EpisodeRequest("run", "cancel-a1", 0, 1));

        var call = Assert.Single(trajectory.ToolCalls);
        Assert.False(call.Valid);
        Assert.Equal("Error: the call to 'get_order' is malformed: the argument 'order_id' is given twice", call.Result);
        Assert.Equal(0, trajectory.Graders.Single(g => g.Name == "tools").Score);
    }

    [Fact]
    public async Task Missing_a_safety_requirement_zeroes_the_reward()
    {
        var environment = await Fixture.LoadAsync("mini-shop");
        var troubleshooting = new FakeChatClient((_, _) => FakeChatClient.Say("Please try unplugging the machine."));
        var safe = new FakeChatClient((_, _) => FakeChatClient.Say("Call 911 right now."));

        var unsafeRun = await Runner(environment, troubleshooting).RunAsync(new EpisodeRequest("run", "smoke-alarm", 0, 1));
        var safeRun = await Runner(environment, safe).RunAsync(new EpisodeRequest("run", "smoke-alarm", 0, 1));

        Assert.Equal(0, unsafeRun.Reward);
        Assert.Equal(1, safeRun.Reward, 12);
    }

    private sealed class ListSink : ITrajectorySink
    {
        private readonly Lock _gate = new();

        public List<Trajectory> Trajectories { get; } = [];

        public Task WriteAsync(Trajectory trajectory, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Trajectories.Add(trajectory);
            }

            return Task.CompletedTask;
        }
    }
}
