using Sparring.Engine.Environments;
using Sparring.Engine.Users;

namespace Sparring.Engine.Tests.Users;

public class ScriptedMockUserTests
{
    private static PersonaSpec Persona(Mood mood = Mood.Calm, int patience = 5) => new()
    {
        ReasonForCall = "I want to return my CPAP mask.",
        OpeningLine = "Hello, I need to return something.",
        Mood = mood,
        Patience = patience,
        Urgency = "my husband stopped breathing",
        KnownInfo = [new KnownInfo { Key = "email", Value = "ana@example.com" }, new KnownInfo { Key = "order number", Value = "MS-1001", AskedBy = ["order number", "order id"] }],
        UnknownInfo = [new UnknownInfo { Key = "account number", AskedBy = ["account"] }],
        Replies = [new ReplyRule { When = ["confirm", "proceed"], Say = "Yes, go ahead." }],
        SatisfiedWhen = ["return label", "refund"],
    };

    [Fact]
    public async Task Opens_with_the_opening_line()
    {
        var user = new ScriptedMockUser(Persona(), seed: 1);

        Assert.Equal("Hello, I need to return something.", (await user.StartAsync(default)).Text);
    }

    [Fact]
    public async Task Reveals_only_what_is_asked_for()
    {
        var user = new ScriptedMockUser(Persona(), seed: 1);

        var answer = await user.RespondAsync("Could you give me your email address?", default);

        Assert.Contains("ana@example.com", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("MS-1001", answer.Text, StringComparison.Ordinal);
        Assert.Equal(UserEnding.None, answer.Ending);
    }

    [Fact]
    public async Task Says_it_does_not_know_its_unknown_information()
    {
        var user = new ScriptedMockUser(Persona(), seed: 1);

        var answer = await user.RespondAsync("What is your account number?", default);

        Assert.Contains("account number", answer.Text, StringComparison.Ordinal);
        Assert.Matches("don't|afraid", answer.Text);
    }

    [Fact]
    public async Task Answers_by_its_reply_rules()
    {
        var user = new ScriptedMockUser(Persona(), seed: 1);

        Assert.StartsWith("Yes, go ahead.", (await user.RespondAsync("Shall I proceed with the return?", default)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stops_once_it_has_heard_everything_it_wanted()
    {
        var user = new ScriptedMockUser(Persona(), seed: 1);

        Assert.Equal(UserEnding.None, (await user.RespondAsync("I've emailed you a return label.", default)).Ending);
        Assert.Equal(UserEnding.Satisfied, (await user.RespondAsync("Your refund is on its way.", default)).Ending);
    }

    [Fact]
    public async Task Gives_up_when_patience_runs_out()
    {
        var user = new ScriptedMockUser(Persona(patience: 2), seed: 1);

        Assert.Equal(UserEnding.None, (await user.RespondAsync("Hmm.", default)).Ending);
        Assert.Equal(UserEnding.None, (await user.RespondAsync("Hmm.", default)).Ending);
        Assert.Equal(UserEnding.GaveUp, (await user.RespondAsync("Hmm.", default)).Ending);
    }

    [Fact]
    public async Task A_panicked_user_repeats_the_urgency_every_turn()
    {
        var user = new ScriptedMockUser(Persona(Mood.Panicked), seed: 1);

        Assert.Contains("my husband stopped breathing", (await user.StartAsync(default)).Text, StringComparison.Ordinal);
        Assert.Contains("my husband stopped breathing", (await user.RespondAsync("What is your email?", default)).Text, StringComparison.Ordinal);
        Assert.Contains("my husband stopped breathing", (await user.RespondAsync("Okay.", default)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_conversation()
    {
        async Task<string> Play(long seed)
        {
            var user = new ScriptedMockUser(Persona(Mood.Angry), seed);
            var lines = new List<string> { (await user.StartAsync(default)).Text };
            foreach (var agent in new[] { "Your email?", "And the order number?", "Anything else?", "Okay." })
            {
                lines.Add((await user.RespondAsync(agent, default)).Text);
            }

            return string.Join("\n", lines);
        }

        Assert.Equal(await Play(7), await Play(7));
        var variants = await Task.WhenAll(Enumerable.Range(0, 8).Select(s => Play(s)));
        Assert.True(variants.Distinct().Count() > 1, "different seeds should vary the phrasing");
    }
}
