using Microsoft.Extensions.AI;
using Sparring.Engine.Environments;
using Sparring.Engine.Tests.Fixtures;
using Sparring.Engine.Users;

namespace Sparring.Engine.Tests.Users;

public class LlmMockUserTests
{
    private static readonly PersonaSpec Persona = new()
    {
        Name = "Ana",
        ReasonForCall = "My delivery is late.",
        Mood = Mood.Angry,
        Patience = 2,
        KnownInfo = [new KnownInfo { Key = "email", Value = "ana@example.com" }],
        UnknownInfo = [new UnknownInfo { Key = "tracking number" }],
    };

    [Fact]
    public void The_persona_becomes_instructions_with_the_stop_tokens()
    {
        var prompt = PersonaPrompt.Render(Persona);

        Assert.Contains("My delivery is late.", prompt, StringComparison.Ordinal);
        Assert.Contains("email: ana@example.com", prompt, StringComparison.Ordinal);
        Assert.Contains("tracking number", prompt, StringComparison.Ordinal);
        Assert.Contains("angry", prompt, StringComparison.Ordinal);
        Assert.Contains(PersonaPrompt.StopToken, prompt, StringComparison.Ordinal);
        Assert.Contains(PersonaPrompt.TransferToken, prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agent_speaks_as_the_user_role_and_tokens_end_the_conversation()
    {
        var answers = new Queue<string>(["Where is my parcel?", "My email is ana@example.com.", "Thanks. ###STOP###"]);
        var client = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, answers.Dequeue())) { Usage = new UsageDetails { InputTokenCount = 50, OutputTokenCount = 5 } });
        var user = new LlmMockUser(client, Persona with { Patience = 10 }, seed: 3, temperature: 0.5f);

        var opening = await user.StartAsync(default);
        var second = await user.RespondAsync("Can I have your email?", default);
        var last = await user.RespondAsync("Your parcel arrives tomorrow.", default);

        Assert.Equal("Where is my parcel?", opening.Text);
        Assert.Equal(UserEnding.None, second.Ending);
        Assert.Equal("Thanks.", last.Text);
        Assert.Equal(UserEnding.Satisfied, last.Ending);
        Assert.Equal(50, last.Usage!.Input);
        var request = client.Requests[2];
        Assert.Equal(ChatRole.System, request[0].Role);
        Assert.Equal(ChatRole.User, request[^1].Role);
        Assert.Equal("Your parcel arrives tomorrow.", request[^1].Text);
        Assert.Equal(ChatRole.Assistant, request[^2].Role);
    }

    [Fact]
    public async Task Patience_is_enforced_even_if_the_model_ignores_it()
    {
        var client = new FakeChatClient((_, _) => FakeChatClient.Say("Still waiting."));
        var user = new LlmMockUser(client, Persona, seed: 1, temperature: 0);

        await user.StartAsync(default);
        Assert.Equal(UserEnding.None, (await user.RespondAsync("Hold on.", default)).Ending);
        Assert.Equal(UserEnding.None, (await user.RespondAsync("Hold on.", default)).Ending);
        Assert.Equal(UserEnding.GaveUp, (await user.RespondAsync("Hold on.", default)).Ending);
    }
}
