using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAIChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace Sparring.Serving.Tests;

public sealed class StreamingTests
{
    [Fact]
    public async Task The_official_client_streams_the_text_piece_by_piece_with_finish_reason_and_usage()
    {
        var fake = new FakeChatClient(new ChatResponse()) { Stream = _ => Updates(
            new ChatResponseUpdate(AIChatRole.Assistant, "Your order "),
            new ChatResponseUpdate(null, "ships "),
            new ChatResponseUpdate(null, [new TextContent("today."), new UsageContent(new UsageDetails { InputTokenCount = 20, OutputTokenCount = 3 })]) { FinishReason = AIChatFinishReason.Length }) };
        await using var scope = await ServerScope.StartAsync(fake);

        var pieces = new List<string>();
        OpenAIChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in scope.OpenAI.GetChatClient(ServerScope.Model).CompleteChatStreamingAsync([new UserChatMessage("Where is my order?")]))
        {
            pieces.AddRange(update.ContentUpdate.Select(p => p.Text));
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(["Your order ", "ships ", "today."], pieces.Where(p => p.Length > 0));
        Assert.Equal(OpenAIChatFinishReason.Length, finish);
        Assert.Equal((20, 3, 23), (usage!.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount));
        Assert.Equal("Where is my order?", Assert.Single(fake.Messages!).Text);
    }

    [Fact]
    public async Task A_streamed_function_call_is_rebuilt_by_microsoft_extensions_ai()
    {
        var fake = new FakeChatClient(new ChatResponse(new AIChatMessage(AIChatRole.Assistant,
            [new FunctionCallContent("call_3", "lookup_order", new Dictionary<string, object?> { ["order_id"] = "C3" })])));
        await using var scope = await ServerScope.StartAsync(fake);

        var response = await scope.ChatClient.GetStreamingResponseAsync([new AIChatMessage(AIChatRole.User, "And C3?")]).ToChatResponseAsync();

        Assert.Equal(AIChatFinishReason.ToolCalls, response.FinishReason);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_3", "lookup_order", "C3"), (call.CallId, call.Name, call.Arguments!["order_id"]?.ToString()));
    }

    [Fact]
    public async Task The_event_stream_is_chat_completion_chunks_ending_with_done()
    {
        var fake = new FakeChatClient(new ChatResponse(new AIChatMessage(AIChatRole.Assistant, "Hello.")));
        await using var scope = await ServerScope.StartAsync(fake);

        using var response = await scope.Http.PostAsync("chat/completions", ChatCompletionsTests.Json("""{"model":"policy","stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("stop", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("Hello.", string.Concat(chunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : null)));
    }

    [Fact]
    public async Task A_chat_client_failing_mid_stream_ends_the_stream_with_an_error_event_and_no_done()
    {
        var fake = new FakeChatClient(new ChatResponse()) { Stream = _ => Failing() };
        await using var scope = await ServerScope.StartAsync(fake);

        using var response = await scope.Http.PostAsync("chat/completions", ChatCompletionsTests.Json("""{"model":"policy","stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.DoesNotContain("data: [DONE]", events);
        var error = JsonDocument.Parse(events[^1]["data: ".Length..]).RootElement.GetProperty("error");
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.DoesNotContain("GPU fell over", events[^1], StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Updates(params ChatResponseUpdate[] updates)
    {
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Failing([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(AIChatRole.Assistant, "Half an ans");
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("GPU fell over");
    }
}
