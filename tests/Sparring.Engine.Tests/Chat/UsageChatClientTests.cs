using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Tests.Fixtures;

namespace Sparring.Engine.Tests.Chat;

public class UsageChatClientTests
{
    private static readonly ChatMessage[] Request = [new(ChatRole.User, "12345678")];

    [Fact]
    public async Task Each_call_is_recorded_with_the_tokens_the_model_reports_and_its_latency()
    {
        var clock = new FakeTimeProvider();
        var inner = new FakeChatClient((_, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "abcd")) { Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20 } };
        });
        var calls = new List<ModelCall>();
        using var client = inner.AsBuilder().UseSparringUsage(calls.Add, clock).Build();

        var response = await client.GetResponseAsync(Request);
        await client.GetResponseAsync(Request);

        Assert.Equal(2, calls.Count);
        Assert.Same(response, calls[0].Response);
        Assert.Equal(new TokenCount(100, 20), calls[0].Tokens);
        Assert.False(calls[0].Estimated);
        Assert.Equal(TimeSpan.FromMilliseconds(250), calls[0].Latency);
    }

    [Fact]
    public async Task A_model_that_reports_no_tokens_is_recorded_with_estimates_when_estimates_are_composed_inside()
    {
        var calls = new List<ModelCall>();
        using var client = new FakeChatClient((_, _) => FakeChatClient.Say("abcd")).AsBuilder().UseSparringUsage(calls.Add).UseTokenEstimates().Build();

        await client.GetResponseAsync(Request);

        var call = Assert.Single(calls);
        Assert.Equal(new TokenCount(6, 5), call.Tokens);
        Assert.True(call.Estimated);
    }

    [Fact]
    public async Task A_model_that_reports_no_tokens_is_recorded_with_none_without_estimates()
    {
        var calls = new List<ModelCall>();
        using var client = new FakeChatClient((_, _) => FakeChatClient.Say("abcd")).AsBuilder().UseSparringUsage(calls.Add).Build();

        await client.GetResponseAsync(Request);

        Assert.Equal(TokenCount.Zero, Assert.Single(calls).Tokens);
    }

    [Fact]
    public async Task A_failing_call_propagates_and_records_nothing()
    {
        var calls = new List<ModelCall>();
        using var client = new FakeChatClient((_, _) => throw new InvalidOperationException("the model is down")).AsBuilder().UseSparringUsage(calls.Add).Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync(Request));

        Assert.Equal("the model is down", error.Message);
        Assert.Empty(calls);
    }

    [Fact]
    public void Streaming_is_refused_rather_than_left_unrecorded()
    {
        using var client = new UsageChatClient(new FakeChatClient((_, _) => FakeChatClient.Say("abcd")), _ => { });

        Assert.Throws<NotSupportedException>(() => client.GetStreamingResponseAsync(Request));
    }
}
