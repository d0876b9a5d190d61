using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAIChatFinishReason = OpenAI.Chat.ChatFinishReason;

namespace Sparring.Serving.Tests;

public sealed class ChatCompletionsTests
{
    private const string OrderSchema = """{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}""";

    [Fact]
    public async Task A_plain_answer_reaches_the_official_client_with_usage_and_the_options_reach_the_chat_client()
    {
        var fake = new FakeChatClient(new ChatResponse(new AIChatMessage(AIChatRole.Assistant, "Your order ships today."))
        {
            FinishReason = AIChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 31, OutputTokenCount = 6, TotalTokenCount = 37 },
        });
        await using var scope = await ServerScope.StartAsync(fake);

        var options = new ChatCompletionOptions { Temperature = 0.25f, TopP = 0.5f, MaxOutputTokenCount = 64, StopSequences = { "###" } };
        var completion = (await scope.OpenAI.GetChatClient(ServerScope.Model).CompleteChatAsync(
            [new SystemChatMessage("You are a support agent."), new UserChatMessage("Where is my order?")], options)).Value;

        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal(ServerScope.Model, completion.Model);
        Assert.Equal("Your order ships today.", Assert.Single(completion.Content).Text);
        Assert.Equal(OpenAIChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(31, completion.Usage.InputTokenCount);
        Assert.Equal(6, completion.Usage.OutputTokenCount);
        Assert.Equal(37, completion.Usage.TotalTokenCount);
        Assert.InRange(completion.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Equal([AIChatRole.System, AIChatRole.User], fake.Messages!.Select(m => m.Role));
        Assert.Equal("Where is my order?", fake.Messages![1].Text);
        Assert.Equal(0.25f, fake.Options!.Temperature);
        Assert.Equal(0.5f, fake.Options.TopP);
        Assert.Equal(64, fake.Options.MaxOutputTokens);
        Assert.Equal(["###"], fake.Options.StopSequences!);
        Assert.Null(fake.Options.Tools);
    }

    [Fact]
    public async Task A_function_call_from_the_chat_client_reaches_the_caller_as_tool_calls()
    {
        var fake = new FakeChatClient(new ChatResponse(new AIChatMessage(AIChatRole.Assistant,
            [new FunctionCallContent("call_7", "lookup_order", new Dictionary<string, object?> { ["order_id"] = "A1", ["quantity"] = 2 })])));
        await using var scope = await ServerScope.StartAsync(fake);

        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("lookup_order", "Finds an order by id.", BinaryData.FromString(OrderSchema)) } };
        var completion = (await scope.OpenAI.GetChatClient(ServerScope.Model).CompleteChatAsync([new UserChatMessage("Where is A1?")], options)).Value;

        Assert.Equal(OpenAIChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Empty(completion.Content);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("call_7", call.Id);
        Assert.Equal("lookup_order", call.FunctionName);
        Assert.Equal("""{"order_id":"A1","quantity":2}""", call.FunctionArguments.ToString());

        // The server declared the tool without running anything: the chat client sees name, description and schema.
        var declared = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(fake.Options!.Tools!));
        Assert.Equal("lookup_order", declared.Name);
        Assert.Equal("Finds an order by id.", declared.Description);
        Assert.Equal("string", declared.JsonSchema.GetProperty("properties").GetProperty("order_id").GetProperty("type").GetString());
        Assert.False(declared is AIFunction, "a declaration, never an invocable function");
    }

    [Fact]
    public async Task A_tool_result_round_trips_through_microsoft_extensions_ai_on_both_sides()
    {
        var fake = new FakeChatClient(new ChatResponse(new AIChatMessage(AIChatRole.Assistant, "It shipped on Monday."))
        {
            Usage = new UsageDetails { InputTokenCount = 50, OutputTokenCount = 5 },
        });
        await using var scope = await ServerScope.StartAsync(fake);
        var tool = AIFunctionFactory.CreateDeclaration("lookup_order", "Finds an order by id.", JsonDocument.Parse(OrderSchema).RootElement);

        var response = await scope.ChatClient.GetResponseAsync(
            [
                new AIChatMessage(AIChatRole.User, "Where is A1?"),
                new AIChatMessage(AIChatRole.Assistant, [new FunctionCallContent("call_7", "lookup_order", new Dictionary<string, object?> { ["order_id"] = "A1" })]),
                new AIChatMessage(AIChatRole.Tool, [new FunctionResultContent("call_7", """{"status":"shipped","on":"Monday"}""")]),
            ],
            new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.Auto });

        Assert.Equal("It shipped on Monday.", response.Text);
        Assert.Equal(AIChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(50, response.Usage!.InputTokenCount);
        Assert.Equal(55, response.Usage.TotalTokenCount);

        Assert.Equal([AIChatRole.User, AIChatRole.Assistant, AIChatRole.Tool], fake.Messages!.Select(m => m.Role));
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(fake.Messages![1].Contents));
        Assert.Equal(("call_7", "lookup_order"), (call.CallId, call.Name));
        Assert.Equal("A1", call.Arguments!["order_id"]?.ToString());
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(fake.Messages![2].Contents));
        Assert.Equal("call_7", result.CallId);
        Assert.Equal("""{"status":"shipped","on":"Monday"}""", result.Result?.ToString());
        Assert.Equal(ChatToolMode.Auto, fake.Options!.ToolMode);
    }

    [Fact]
    public async Task Microsoft_extensions_ai_on_both_sides_sees_the_function_call_it_was_given()
    {
        var fake = new FakeChatClient(new ChatResponse(new AIChatMessage(AIChatRole.Assistant,
            [new TextContent("Let me check."), new FunctionCallContent("call_1", "lookup_order", new Dictionary<string, object?> { ["order_id"] = "B2" })])));
        await using var scope = await ServerScope.StartAsync(fake);

        var response = await scope.ChatClient.GetResponseAsync([new AIChatMessage(AIChatRole.User, "And B2?")]);

        Assert.Equal(AIChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("Let me check.", response.Text);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_1", "lookup_order", "B2"), (call.CallId, call.Name, call.Arguments!["order_id"]?.ToString()));
    }

    [Fact]
    public async Task The_remaining_sampling_fields_map_onto_chat_options_by_their_openai_names()
    {
        var fake = new FakeChatClient(new ChatResponse(new AIChatMessage(AIChatRole.Assistant, "ok")));
        await using var scope = await ServerScope.StartAsync(fake);

        using var response = await scope.Http.PostAsync("chat/completions", Json("""
            {"model":"policy","seed":7,"max_tokens":5,"stop":"END","tool_choice":"none","n":1,"parallel_tool_calls":false,
             "tools":[{"type":"function","function":{"name":"noop"}}],
             "messages":[{"role":"developer","content":[{"type":"text","text":"Be brief."}]},{"role":"user","name":"ann","content":"hi"}]}
            """));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(7, fake.Options!.Seed);
        Assert.Equal(5, fake.Options.MaxOutputTokens);
        Assert.Equal(["END"], fake.Options.StopSequences!);
        Assert.Equal(ChatToolMode.None, fake.Options.ToolMode);
        Assert.False(fake.Options.AllowMultipleToolCalls);
        Assert.Equal(AIChatRole.System, fake.Messages![0].Role);
        Assert.Equal("Be brief.", fake.Messages[0].Text);
        Assert.Equal("ann", fake.Messages[1].AuthorName);
        var declared = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(fake.Options.Tools!));
        Assert.Equal("object", declared.JsonSchema.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_served_models_are_listed_for_the_official_client()
    {
        await using var scope = await ServerScope.StartAsync(new FakeChatClient(new ChatResponse()));

        var models = (await scope.OpenAI.GetOpenAIModelClient().GetModelsAsync()).Value;

        var model = Assert.Single(models);
        Assert.Equal(ServerScope.Model, model.Id);
        Assert.Equal("sparring", model.OwnedBy);
    }

    internal static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
