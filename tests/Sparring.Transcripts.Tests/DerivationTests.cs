using Microsoft.Extensions.AI;
using Sparring.Engine.Environments;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Parsing;
using Sparring.Transcripts.Redaction;

namespace Sparring.Transcripts.Tests;

public sealed class DerivationTests
{
    private static async Task<IReadOnlyList<Transcript>> RedactedSynthetic()
    {
        var redactor = new PiiRedactor();
        return [.. (await TranscriptReader.ReadFileAsync(TestData.Synthetic)).Select(t => redactor.Redact(t).Transcript)];
    }

    [Theory]
    [InlineData("My CPAP tubing was supposed to be here days ago. Where is it? This is ridiculous.", Mood.Angry)]
    [InlineData("Cancel my order ORD-20048 right now. I'm fed up with waiting for those cannulas!", Mood.Angry)]
    [InlineData("Please hurry, my dad can't catch his breath! My dad's oxygen concentrator just stopped and he's really short of breath!", Mood.Panicked)]
    [InlineData("Um, hello. I think I need to cancel my order for the mask cushions and filters?", Mood.Confused)]
    [InlineData("I got a statement saying I owe money for a battery? I'm confused.", Mood.Confused)]
    [InlineData("Hi, I'd like to return the humidifier bottle from my last delivery. I don't need it anymore.", Mood.Calm)]
    [InlineData("Hi, my oxygen concentrator keeps beeping an alarm. What should I do?", Mood.Calm)]
    public void ReadsTheMoodOfRealLines(string line, Mood mood) => Assert.Equal(mood, MoodMarkers.Classify([line]));

    [Fact]
    public void CondensesTheReasonFromTheFirstSubstantiveTurn()
    {
        Assert.Equal(
            "I'm not sure my new CPAP tubing has been sent. Can you tell me where it is?",
            HeuristicDerivation.Reason(["Um, okay... Hello? I'm not sure my new CPAP tubing has been sent. Can you tell me where it is?"]));
        Assert.Equal("I need help with my bill.", HeuristicDerivation.Reason(["Hello?", "I need help with my bill."]));
    }

    [Fact]
    public async Task DerivesKnownInfoWithRedactedValuesAndIds()
    {
        var transcripts = await RedactedSynthetic();

        var emailCall = HeuristicDerivation.Derive(transcripts[1]);
        var email = Assert.Single(emailCall.KnownInfo);
        Assert.Equal(("email", "[EMAIL]", false), (email.Key, email.Value, email.Volunteered));
        Assert.Equal(Mood.Calm, emailCall.Mood);

        var cancel = HeuristicDerivation.Derive(transcripts[10]);
        Assert.Contains(cancel.KnownInfo, f => f is { Key: "order number", Value: "ORD-20048", Volunteered: true });
        Assert.Equal(Mood.Angry, cancel.Mood);

        var card = HeuristicDerivation.Derive(transcripts[48]);
        Assert.Contains(card.KnownInfo, f => f is { Key: "card number", Value: "[CARD]" });
    }

    [Fact]
    public async Task HeuristicScenariosAreTaggedSplitAndCarryNoGoldActions()
    {
        var derived = await new ScenarioDeriver().DeriveAllAsync(await RedactedSynthetic());

        Assert.Equal(100, derived.Count);
        Assert.All(derived, d =>
        {
            Assert.Equal("heuristic", d.Method);
            Assert.Contains(ScenarioTags.Transcript, d.Scenario.Tags);
            Assert.Empty(d.Scenario.Expected.Actions);
            Assert.Equal(ScenarioDeriver.IdPrefix + d.TranscriptId, d.Scenario.Id);
            Assert.Equal(TranscriptSplit.Of(d.TranscriptId), d.Scenario.Split);
        });
        var test = derived.Count(d => d.Scenario.Split == "test");
        Assert.InRange(test, 8, 35);
        Assert.Contains(derived, d => d.Scenario.Persona.Mood == Mood.Panicked);
        Assert.Contains(derived, d => d.Scenario.Persona.Mood == Mood.Angry);
        Assert.Contains(derived, d => d.Scenario.Persona.Mood == Mood.Confused);
    }

    [Fact]
    public async Task UsesAValidModelAnswer()
    {
        var transcript = (await RedactedSynthetic())[10];
        var model = new FakeChatClient("""
            ```json
            {"reason": "Wants order ORD-20048 cancelled.", "mood": "angry", "patience": 4, "opening_line": "Cancel my order ORD-20048 right now.",
             "known_info": [{"key": "order number", "value": "ORD-20048"}], "unknown_info": [], "style_examples": ["Fine. That's all."], "transfer": false}
            ```
            """);

        var derived = await new ScenarioDeriver(model).DeriveAsync(transcript);

        Assert.Equal("llm", derived.Method);
        Assert.Null(derived.FallbackReason);
        Assert.Equal("Wants order ORD-20048 cancelled.", derived.Scenario.Persona.ReasonForCall);
        Assert.Equal(4, derived.Scenario.Persona.Patience);
        Assert.Equal(["Fine. That's all."], derived.StyleExamples);
        Assert.DoesNotContain(model.Seen, m => m.Contains("@example.com", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("{\"reason\": \"x\", \"mood\": \"furious\", \"opening_line\": \"hi\"}", "$.mood 'furious'")]
    [InlineData("{\"reason\": \"x\", \"mood\": \"angry\", \"known_info\": [{\"key\": \"order number\", \"value\": \"ORD-99999\"}]}", "$.known_info[0].value 'ORD-99999' is not in the customer's messages")]
    [InlineData("{\"reason\": \"x\", \"mood\": \"angry\", \"style_examples\": [\"I am an invented line\"]}", "$.style_examples[0]")]
    [InlineData("{\"reason\": \"\", \"mood\": \"angry\"}", "$.reason")]
    public async Task FallsBackToTheHeuristicOnAnInvalidAnswerAndSaysWhy(string answer, string why)
    {
        var transcript = (await RedactedSynthetic())[10];

        var derived = await new ScenarioDeriver(new FakeChatClient(answer)).DeriveAsync(transcript);

        Assert.Equal("heuristic", derived.Method);
        Assert.Contains(why, derived.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(HeuristicDerivation.Derive(transcript).Reason, derived.Scenario.Persona.ReasonForCall);
    }

    internal sealed class FakeChatClient(string answer) : IChatClient
    {
        public List<string> Seen { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Seen.AddRange(messages.Select(m => m.Text));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
