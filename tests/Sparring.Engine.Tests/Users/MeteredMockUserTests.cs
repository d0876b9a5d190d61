using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Telemetry;
using Sparring.Engine.Tests.Fixtures;
using Sparring.Engine.Tests.Telemetry;
using Sparring.Engine.Users;

namespace Sparring.Engine.Tests.Users;

[Collection(nameof(EpisodeTelemetryTests))]
public class MeteredMockUserTests
{
    [Fact]
    public async Task Each_turn_is_a_user_span_and_is_recorded_with_its_tokens_and_latency()
    {
        var model = $"u-{Guid.NewGuid():N}";
        var clock = new FakeTimeProvider();
        var turns = new List<(UserTurn Turn, TimeSpan Latency)>();
        using var spans = new EngineSpans();
        var user = new MeteredMockUser(new SlowUser(clock, TimeSpan.FromMilliseconds(40)), new ModelIdentity("llm", model), (turn, latency) => turns.Add((turn, latency)), clock);

        var opening = await user.StartAsync(default);
        var answer = await user.RespondAsync("What is your order id?", default);

        Assert.Equal("Hi.", opening.Text);
        Assert.Equal("You asked: What is your order id?", answer.Text);
        Assert.Equal([opening, answer], turns.Select(t => t.Turn));
        Assert.All(turns, t => Assert.Equal(TimeSpan.FromMilliseconds(40), t.Latency));
        var calls = spans.ChatsWith(model);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Equal("user", call.GetTagItem(TelemetryTags.ModelRole));
            Assert.Equal((30L, 3L), ((long)call.GetTagItem(TelemetryTags.InputTokens)!, (long)call.GetTagItem(TelemetryTags.OutputTokens)!));
            Assert.Equal(true, call.GetTagItem("sparring.usage.estimated"));
        });
    }

    [Fact]
    public async Task A_failing_turn_propagates_records_nothing_and_its_span_ends_in_error()
    {
        var model = $"u-{Guid.NewGuid():N}";
        var turns = new List<UserTurn>();
        using var spans = new EngineSpans();
        var user = new MeteredMockUser(new BrokenUser(), new ModelIdentity("llm", model), (turn, _) => turns.Add(turn), TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => user.RespondAsync("Hello", default));

        Assert.Empty(turns);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(spans.ChatsWith(model)).Status);
    }

    /// <summary>A user whose every turn takes <paramref name="delay"/> on <paramref name="clock"/> and 30 + 3 estimated tokens.</summary>
    private sealed class SlowUser(FakeTimeProvider clock, TimeSpan delay) : IMockUser
    {
        public Task<UserTurn> StartAsync(CancellationToken cancellationToken) => Turn("Hi.");

        public Task<UserTurn> RespondAsync(string agentMessage, CancellationToken cancellationToken) => Turn($"You asked: {agentMessage}");

        private Task<UserTurn> Turn(string text)
        {
            clock.Advance(delay);
            return Task.FromResult(new UserTurn(text, Usage: new TokenCount(30, 3), UsageEstimated: true));
        }
    }

    private sealed class BrokenUser : IMockUser
    {
        public Task<UserTurn> StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("the user's model is down");

        public Task<UserTurn> RespondAsync(string agentMessage, CancellationToken cancellationToken) => throw new InvalidOperationException("the user's model is down");
    }
}
