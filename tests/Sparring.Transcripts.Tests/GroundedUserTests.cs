using Microsoft.Extensions.Configuration;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Engine.Users;
using Sparring.Models;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Parsing;
using Sparring.Transcripts.Redaction;
using Sparring.Transcripts.Users;

namespace Sparring.Transcripts.Tests;

public sealed class GroundedUserTests
{
    private static async Task<(IReadOnlyList<Transcript> Transcripts, GroundingCorpus Corpus)> Corpus()
    {
        var redactor = new PiiRedactor();
        var transcripts = (await TranscriptReader.ReadFileAsync(TestData.Synthetic)).Select(t => redactor.Redact(t).Transcript).ToList();
        var derived = await new ScenarioDeriver().DeriveAllAsync(transcripts);
        return (transcripts, GroundingCorpus.Build(transcripts, derived));
    }

    private static readonly PersonaSpec Persona = new()
    {
        ReasonForCall = "Where is my CPAP tubing? It was supposed to arrive days ago.",
        OpeningLine = "Hi, where is my CPAP tubing?",
        KnownInfo = [new KnownInfo { Key = "email", Value = "pat@example.com", AskedBy = ["email"] }],
    };

    [Fact]
    public async Task RepliesWithRealCustomerPhrasings()
    {
        var (transcripts, corpus) = await Corpus();
        var realTurns = transcripts.SelectMany(t => t.CustomerTurns).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var user = new GroundedScriptedUser(Persona, corpus.Nearest(Persona, 5), seed: 7);

        var answer = await user.RespondAsync("Could you tell me the email address on your account?", CancellationToken.None);
        var closing = await user.RespondAsync("Your order ships tomorrow. Is there anything else I can help you with?", CancellationToken.None);

        Assert.Contains("pat@example.com", answer.Text, StringComparison.Ordinal);
        Assert.Contains(answer.Text.Replace("pat@example.com", "[EMAIL]", StringComparison.Ordinal), realTurns);
        Assert.Equal(UserEnding.Satisfied, closing.Ending);
        Assert.Contains(closing.Text, realTurns);
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameConversation()
    {
        var (_, corpus) = await Corpus();
        async Task<string> Play(long seed)
        {
            var user = new GroundedScriptedUser(Persona, corpus.Nearest(Persona, 5), seed);
            return (await user.RespondAsync("What is your email?", CancellationToken.None)).Text + (await user.RespondAsync("Anything else?", CancellationToken.None)).Text;
        }

        Assert.Equal(await Play(3), await Play(3));
    }

    [Fact]
    public async Task NearestConversationsShareTheReasonAndPreferTheMood()
    {
        var (_, corpus) = await Corpus();

        var nearest = corpus.Nearest(Persona with { Mood = Mood.Angry }, 2);

        Assert.All(nearest, c => Assert.True(c.ReasonWords.ContainsKey("tubing"), string.Join(" ", c.ReasonWords.Keys)));
        Assert.Equal(Mood.Angry, nearest[0].Mood);
    }

    [Fact]
    public async Task GroundedLlmUsersCarryRealTurnsInTheirInstructions()
    {
        var (transcripts, corpus) = await Corpus();
        var inner = new RecordingFactory();
        var source = new GroundedUserSource(corpus);

        var factory = source.TryCreate("grounded:llm:mini", name => name == "llm:mini" ? inner : throw new InvalidOperationException(name));
        factory!.Create(new ScenarioSpec { Id = "s", Persona = Persona, Expected = new ExpectedOutcome() }, 1);

        var instructions = inner.Personas.Single().TaskInstructions!;
        Assert.Contains("real customers", instructions, StringComparison.Ordinal);
        Assert.Contains(transcripts.SelectMany(t => t.CustomerTurns), t => instructions.Contains(t.Text, StringComparison.Ordinal));
        Assert.Equal("grounded-llm", factory.Identity.Kind);
    }

    [Fact]
    public async Task TheCatalogResolvesGroundedUsersFromItsSource()
    {
        var (_, corpus) = await Corpus();
        var catalog = new ModelCatalog(new ConfigurationBuilder().Build(), users: new GroundedUserSource(corpus));

        Assert.IsType<GroundedScriptedUserFactory>(catalog.Users("grounded"));
        Assert.IsType<ScriptedMockUserFactory>(catalog.Users("scripted"));
        var unknown = Assert.Throws<ModelConfigurationException>(() => catalog.Users("nope"));
        Assert.Contains("grounded:llm:<deployment-or-model>", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateMatchIsNotApplicableToTranscriptScenariosWithoutGoldActions()
    {
        var grader = new StateMatchGrader("state");
        ScenarioSpec Scenario(params string[] tags) => new() { Id = "s", Tags = tags, Persona = Persona, Expected = new ExpectedOutcome() };
        GradingContext Context(ScenarioSpec s) => new(s, [], [], new string('a', 64), new string('b', 64), false, new Termination(TerminationReason.UserStop));

        var fromTranscript = await grader.GradeAsync(Context(Scenario(ScenarioTags.Transcript)), CancellationToken.None);
        var authored = await grader.GradeAsync(Context(Scenario()), CancellationToken.None);

        Assert.False(fromTranscript.Applicable);
        Assert.True(authored.Applicable);
        Assert.Equal(0, authored.Score);
    }

    private sealed class RecordingFactory : IMockUserFactory
    {
        public List<PersonaSpec> Personas { get; } = [];

        public ModelIdentity Identity { get; } = new("llm", "mini");

        public ModelPricing Pricing => ModelPricing.Free;

        public IMockUser Create(ScenarioSpec scenario, long seed)
        {
            Personas.Add(scenario.Persona);
            return new ScriptedMockUser(scenario.Persona, seed);
        }
    }
}
