using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Tests.Fixtures;

namespace Sparring.Engine.Tests.Chat;

public class TokenEstimatingChatClientTests
{
    // 4 per message plus about a token per 4 characters: 4 + 2 for the request, 4 + 1 for the response.
    private static readonly ChatMessage[] Request = [new(ChatRole.User, "12345678")];

    [Fact]
    public async Task Tokens_the_model_reports_pass_through_unestimated()
    {
        var inner = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "abcd")) { Usage = new UsageDetails { InputTokenCount = 120, OutputTokenCount = 30 } });
        using var client = new TokenEstimatingChatClient(inner);

        var response = await client.GetResponseAsync(Request);

        Assert.Equal(new TokenCount(120, 30), ResponseUsage.Tokens(response));
        Assert.False(ResponseUsage.IsEstimated(response));
    }

    [Fact]
    public async Task A_model_that_reports_no_tokens_gets_an_estimate_marked_as_estimated()
    {
        var inner = new FakeChatClient((_, _) => FakeChatClient.Say("abcd"));
        using var client = new TokenEstimatingChatClient(inner);

        var response = await client.GetResponseAsync(Request);

        Assert.Equal(new TokenCount(6, 5), ResponseUsage.Tokens(response));
        Assert.Equal(11, response.Usage!.TotalTokenCount);
        Assert.True(ResponseUsage.IsEstimated(response));
    }

    [Fact]
    public async Task Output_tokens_without_input_tokens_are_estimated_whole()
    {
        var inner = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "abcd")) { Usage = new UsageDetails { OutputTokenCount = 99 } });
        using var client = new TokenEstimatingChatClient(inner);

        var response = await client.GetResponseAsync(Request);

        Assert.Equal(new TokenCount(6, 5), ResponseUsage.Tokens(response));
        Assert.True(ResponseUsage.IsEstimated(response));
    }
}
