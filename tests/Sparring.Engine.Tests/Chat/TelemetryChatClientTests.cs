using System.Diagnostics;
using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Telemetry;
using Sparring.Engine.Tests.Fixtures;
using Sparring.Engine.Tests.Telemetry;

namespace Sparring.Engine.Tests.Chat;

[Collection(nameof(EpisodeTelemetryTests))]
public class TelemetryChatClientTests
{
    private static readonly ChatMessage[] Request = [new(ChatRole.User, "12345678")];

    [Fact]
    public async Task A_call_is_a_chat_span_with_the_role_the_model_the_tokens_and_its_episodes_ids()
    {
        var model = $"m-{Guid.NewGuid():N}";
        using var spans = new EngineSpans();
        var inner = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "abcd")) { Usage = new UsageDetails { InputTokenCount = 100, OutputTokenCount = 20 } });
        using var client = inner.AsBuilder().UseSparringTelemetry("policy", new ModelIdentity("openai", model)).Build();

        using (var episode = EngineTelemetry.Source.StartActivity("episode"))
        {
            episode!.SetTag(TelemetryTags.RunId, "r-1");
            episode.SetTag(TelemetryTags.EpisodeId, "s.0");
            await client.GetResponseAsync(Request);
        }

        var span = Assert.Single(spans.ChatsWith(model));
        Assert.Equal($"chat {model}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem(TelemetryTags.Operation));
        Assert.Equal("policy", span.GetTagItem(TelemetryTags.ModelRole));
        Assert.Equal("openai", span.GetTagItem(TelemetryTags.ModelKind));
        Assert.Equal(100L, span.GetTagItem(TelemetryTags.InputTokens));
        Assert.Equal(20L, span.GetTagItem(TelemetryTags.OutputTokens));
        Assert.Null(span.GetTagItem("sparring.usage.estimated"));
        Assert.Equal("r-1", span.GetTagItem(TelemetryTags.RunId));
        Assert.Equal("s.0", span.GetTagItem(TelemetryTags.EpisodeId));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Estimated_tokens_are_tagged_as_estimated()
    {
        var model = $"m-{Guid.NewGuid():N}";
        using var spans = new EngineSpans();
        using var client = new FakeChatClient((_, _) => FakeChatClient.Say("abcd")).AsBuilder()
            .UseSparringTelemetry("policy", new ModelIdentity("reference", model))
            .UseTokenEstimates()
            .Build();

        await client.GetResponseAsync(Request);

        var span = Assert.Single(spans.ChatsWith(model));
        Assert.Equal((6L, 5L), ((long)span.GetTagItem(TelemetryTags.InputTokens)!, (long)span.GetTagItem(TelemetryTags.OutputTokens)!));
        Assert.Equal(true, span.GetTagItem("sparring.usage.estimated"));
    }

    [Fact]
    public async Task A_failing_call_propagates_and_its_span_ends_in_error()
    {
        var model = $"m-{Guid.NewGuid():N}";
        using var spans = new EngineSpans();
        using var client = new FakeChatClient((_, _) => throw new InvalidOperationException("the model is down")).AsBuilder()
            .UseSparringTelemetry("judge", new ModelIdentity("openai", model))
            .Build();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync(Request));

        var span = Assert.Single(spans.ChatsWith(model));
        Assert.Equal((ActivityStatusCode.Error, nameof(InvalidOperationException)), (span.Status, span.StatusDescription));
        Assert.Null(span.GetTagItem(TelemetryTags.InputTokens));
    }
}
