using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Telemetry;
using Sparring.Engine.Tests.Fixtures;
using Sparring.Engine.Tests.Grading;
using Sparring.Engine.Tests.Telemetry;

namespace Sparring.Engine.Tests.Episodes;

[Collection(nameof(EpisodeTelemetryTests))]
public class EpisodeParticipantsTests
{
    [Fact]
    public async Task Episodes_sharing_a_policy_each_record_only_their_own_calls()
    {
        var policy = new ChatModel(new TenTokenClient(), new ModelIdentity("test", "shared"), new ModelPricing(1m, 1m));
        var first = new EpisodeUsage(policy.Pricing, ModelPricing.Free);
        var second = new EpisodeUsage(policy.Pricing, ModelPricing.Free);

        await Task.WhenAll(Converse(first, 3), Converse(second, 5));

        Assert.Equal(3, first.Turns.Count);
        Assert.Equal(new TokenCount(30, 3), first.Summary.Policy);
        Assert.Equal(5, second.Turns.Count);
        Assert.Equal(new TokenCount(50, 5), second.Summary.Policy);

        async Task Converse(EpisodeUsage usage, int calls)
        {
            var client = EpisodeParticipants.Policy(policy, usage, TimeProvider.System);
            for (var i = 0; i < calls; i++)
            {
                await Task.Yield();
                await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);
            }
        }
    }

    [Fact]
    public async Task A_policy_that_reports_no_tokens_has_the_same_estimate_in_its_span_and_its_turn()
    {
        var model = $"p-{Guid.NewGuid():N}";
        var clock = new FakeTimeProvider();
        var inner = new FakeChatClient((_, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(125));
            return FakeChatClient.Say("abcd");
        });
        var usage = new EpisodeUsage(new ModelPricing(1m, 2m), ModelPricing.Free);
        using var spans = new EngineSpans();
        var policy = EpisodeParticipants.Policy(new ChatModel(inner, new ModelIdentity("reference", model), new ModelPricing(1m, 2m)), usage, clock);

        await policy.GetResponseAsync([new ChatMessage(ChatRole.User, "12345678")]);

        Assert.Equal(new TurnRecord(0, "assistant", 125, 6, 5), Assert.Single(usage.Turns));
        Assert.True(usage.Summary.Estimated);
        var span = Assert.Single(spans.ChatsWith(model));
        Assert.Equal("policy", span.GetTagItem(TelemetryTags.ModelRole));
        Assert.Equal((6L, 5L), ((long)span.GetTagItem(TelemetryTags.InputTokens)!, (long)span.GetTagItem(TelemetryTags.OutputTokens)!));
        Assert.Equal(true, span.GetTagItem("sparring.usage.estimated"));
    }

    [Fact]
    public async Task A_judge_grading_an_episode_is_traced_and_its_tokens_are_counted_per_call()
    {
        var model = $"j-{Guid.NewGuid():N}";
        var client = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"scores":[{"criterion":"empathy","score":5,"reason":"kind"}]}""")) { Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 100 } });
        var judge = new ChatModel(client, new ModelIdentity("openai", model), new ModelPricing(2.5m, 10m));
        var grader = new EpisodeGrader(GradingFixtures.SpecWith(new GraderSpec { Name = "quality", Type = GraderTypes.LlmRubric, Criteria = [new RubricCriterion("empathy", "Acknowledges feelings.")] }), judge);
        var tokens = new ConcurrentQueue<(long Value, string? Type)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EngineTelemetry.Name && instrument.Name == "sparring.model.tokens")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? role = null, type = null;
            foreach (var tag in tags)
            {
                role = tag.Key == TelemetryTags.ModelRole ? tag.Value as string : role;
                type = tag.Key == TelemetryTags.TokenType ? tag.Value as string : type;
            }

            if (role == "judge")
            {
                tokens.Enqueue((value, type));
            }
        });
        meters.Start();
        using var spans = new EngineSpans();

        var (results, _, _) = await grader.GradeAsync(Episode(), default);

        Assert.Equal(0.0035m, Assert.Single(results).CostUsd);
        var span = Assert.Single(spans.ChatsWith(model));
        Assert.Equal("judge", span.GetTagItem(TelemetryTags.ModelRole));
        Assert.Equal(1_000L, span.GetTagItem(TelemetryTags.InputTokens));
        Assert.Equal([(1_000L, "input"), (100L, "output")], tokens.ToArray());
    }

    private static GradingContext Episode() => new(
        new ScenarioSpec { Id = "s", Persona = new PersonaSpec { ReasonForCall = "late delivery" }, Expected = new ExpectedOutcome() },
        [new ChatMessageRecord { Role = "user", Content = "Where is my order?" }, new ChatMessageRecord { Role = "assistant", Content = "I'm sorry, it ships today." }],
        [],
        "h",
        "h",
        false,
        new Termination(TerminationReason.UserStop));

    /// <summary>A thread-safe policy that reports 10 input and 1 output token a call.</summary>
    private sealed class TenTokenClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 1 } });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
