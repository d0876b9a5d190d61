using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;

namespace Sparring.Serving.Tests;

public sealed class ErrorTests
{
    private const string Hi = """[{"role":"user","content":"hi"}]""";

    [Theory]
    [InlineData("""{"model":"policy","messages":[{"role":"user","content":"hi"}""", "messages[1]", "There is an open JSON object or array")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "model", "Missing required field 'model'")]
    [InlineData("""{"model":"policy"}""", "messages", "Missing required field 'messages'")]
    [InlineData("""{"model":"policy","messages":[]}""", "messages", "at least one message")]
    [InlineData("""{"model":"policy","messages":[{"content":"hi"}]}""", "messages[0].role", "Missing required field 'messages[0].role'")]
    [InlineData("""{"model":"policy","messages":[{"role":"robot","content":"hi"}]}""", "messages[0].role", "not 'robot'")]
    [InlineData("""{"model":"policy","messages":[{"role":"user","content":42}]}""", "messages[0].content", "must be a string or an array of text parts")]
    [InlineData("""{"model":"policy","temperature":"hot","messages":[{"role":"user","content":"hi"}]}""", "temperature", "Invalid JSON at $.temperature: expected a number, not a string (line 1, byte")]
    [InlineData("""{"model":42,"messages":[{"role":"user","content":"hi"}]}""", "model", "Invalid JSON at $.model: expected a string, not a number (line 1, byte")]
    [InlineData("""{"model":"policy","messages":{"role":"user"}}""", "messages", "Invalid JSON at $.messages: expected an array (line 1, byte")]
    [InlineData("""{"model":"policy","temperature":3,"messages":[{"role":"user","content":"hi"}]}""", "temperature", "between 0 and 2")]
    [InlineData("""{"model":"policy","messages":[{"role":"user","content":"hi"},{"role":"tool","content":"x"}]}""", "messages[1].tool_call_id", "Missing required field")]
    [InlineData("""{"model":"policy","messages":[{"role":"user","content":"hi"},{"role":"tool","tool_call_id":"c9","content":"x"}]}""", "messages[1].tool_call_id", "answers no tool call")]
    [InlineData("""{"model":"policy","messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{oops"}}]}]}""", "messages[0].tool_calls[0].function.arguments", "is not valid JSON")]
    [InlineData("""{"model":"policy","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", "messages[0].content[0].type", "text only")]
    [InlineData("""{"model":"policy","tools":[{"type":"function","function":{"description":"no name"}}],"messages":[{"role":"user","content":"hi"}]}""", "tools[0].function.name", "Missing required field")]
    [InlineData("""{"model":"policy","tool_choice":{"type":"function","function":{"name":"ghost"}},"tools":[{"type":"function","function":{"name":"real"}}],"messages":[{"role":"user","content":"hi"}]}""", "tool_choice.function.name", "'ghost'")]
    [InlineData("""{"model":"policy","n":2,"messages":[{"role":"user","content":"hi"}]}""", "n", "n=2 is not supported")]
    [InlineData("""{"model":"policy","logprobs":true,"messages":[{"role":"user","content":"hi"}]}""", "logprobs", "not supported")]
    [InlineData("""{"model":"policy","stop":["a","b","c","d","e"],"messages":[{"role":"user","content":"hi"}]}""", "stop", "at most 4")]
    public async Task A_bad_request_is_a_400_invalid_request_error_naming_the_field(string body, string? param, string message)
    {
        var fake = new FakeChatClient(new ChatResponse(new AIChatMessage(AIChatRole.Assistant, "never")));
        await using var scope = await ServerScope.StartAsync(fake);

        var (status, error) = await PostAsync(scope, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(fake.Messages);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_model_not_found_that_lists_the_served_ones()
    {
        await using var scope = await ServerScope.StartAsync(new FakeChatClient(new ChatResponse()));

        var (status, error) = await PostAsync(scope, $$"""{"model":"gpt-9","messages":{{Hi}}}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("The model 'gpt-9' does not exist. Served models: policy.", error.GetProperty("message").GetString());
        var thrown = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => scope.OpenAI.GetChatClient("gpt-9").CompleteChatAsync("hi"));
        Assert.Equal(404, thrown.Status);
    }

    [Fact]
    public async Task A_failing_chat_client_is_a_500_server_error_that_leaks_nothing()
    {
        var fake = new FakeChatClient((_, _, _) => throw new InvalidOperationException("connection string Password=hunter2"));
        await using var scope = await ServerScope.StartAsync(fake);

        using var response = await scope.Http.PostAsync("chat/completions", ChatCompletionsTests.Json($$"""{"model":"policy","messages":{{Hi}}}"""));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Matches("^The server failed to complete request chatcmpl-[0-9a-f]{32}; its log has the details.$", error.GetProperty("message").GetString());
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_hanging_up_cancels_the_chat_client()
    {
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = new FakeChatClient(async (_, _, cancellationToken) =>
        {
            using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
            called.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new ChatResponse();
        });
        await using var scope = await ServerScope.StartAsync(fake);
        using var hangUp = new CancellationTokenSource();

        var request = scope.Http.PostAsync("chat/completions", ChatCompletionsTests.Json($$"""{"model":"policy","messages":{{Hi}}}"""), hangUp.Token);
        await called.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await hangUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_unknown_path_under_v1_is_an_openai_shaped_404()
    {
        await using var scope = await ServerScope.StartAsync(new FakeChatClient(new ChatResponse()));

        using var response = await scope.Http.GetAsync("embeddings");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("unknown_url", error.GetProperty("code").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Error)> PostAsync(ServerScope scope, string body)
    {
        using var response = await scope.Http.PostAsync("chat/completions", ChatCompletionsTests.Json(body));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, json.GetProperty("error"));
    }
}
