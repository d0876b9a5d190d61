using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Grading;
using Sparring.Training.Tokenization;
using Sparring.Training.Model;

namespace Sparring.Training.Tests.Rewards;

/// <summary>
/// Conversations graded by a deterministic fake judge through the engine's real llm_rubric grader: empathy is high when
/// the agent says sorry (middling for "I understand"), clarity counts an order id and an amount in what the agent says.
/// </summary>
internal static partial class JudgedConversations
{
    public const string Grader = "rubric";

    public static readonly string[] Criteria = ["empathy", "clarity"];

    public static EnvironmentSpec Spec { get; } = new()
    {
        Name = "shop",
        Version = "1",
        Agent = new AgentSpec { Instructions = "Help." },
        Tools = [],
        State = [],
        Scenarios = [],
        Graders =
        [
            new GraderSpec { Name = Grader, Type = GraderTypes.LlmRubric, Criteria = [new RubricCriterion("empathy", "Acknowledges feelings."), new RubricCriterion("clarity", "Gives ids and amounts.")] },
            new GraderSpec { Name = "polite", Type = GraderTypes.Contains, Any = ["thank", "welcome"] },
        ],
        Reward = new RewardSpec { Weights = new Dictionary<string, double> { [Grader] = 3, ["polite"] = 1 } },
    };

    public static ScenarioSpec Scenario { get; } = new() { Id = "s", Persona = new PersonaSpec { ReasonForCall = "an order" }, Expected = new ExpectedOutcome() };

    public static ChatModel Judge { get; } = new(new RuleJudge(), new ModelIdentity("test", "rule-judge"), ModelPricing.Free);

    /// <summary>Seeded conversations: an opening, the agent's reply built from optional parts, sometimes a second exchange.</summary>
    public static IReadOnlyList<IReadOnlyList<ChatMessageRecord>> Conversations(int count, int seed)
    {
        string[] openings = ["where is my order?", "I was charged twice", "my parcel never came", "can I get a refund?", "the box was damaged"];
        string[] empathy = ["I'm so sorry about that. ", "I understand. ", "", "", "Sorry for the trouble. "];
        string[] bodies = ["I checked order #W{0}", "The refund of ${1}.00 is on its way", "Order #W{0} for ${1}.50 is resolved", "I looked into it", "It is being handled"];
        var random = new Random(seed);
        var conversations = new List<IReadOnlyList<ChatMessageRecord>>(count);
        for (var i = 0; i < count; i++)
        {
            var id = random.Next(1_000_000, 9_999_999);
            var amount = random.Next(10, 99);
            var reply = empathy[random.Next(empathy.Length)] + string.Format(System.Globalization.CultureInfo.InvariantCulture, bodies[random.Next(bodies.Length)], id, amount) + ".";
            List<ChatMessageRecord> messages = [new() { Role = "system", Content = "Help." }, User(openings[random.Next(openings.Length)]), Assistant(reply)];
            if (random.Next(2) == 0)
            {
                messages.Add(User("ok thanks"));
                messages.Add(Assistant("You're welcome."));
            }

            conversations.Add(messages);
        }

        return conversations;
    }

    /// <summary>A trajectory of <paramref name="messages"/> graded by <paramref name="grader"/>, as the episode runner writes it.</summary>
    public static async Task<Trajectory> TrajectoryAsync(string episodeId, IReadOnlyList<ChatMessageRecord> messages, EpisodeGrader grader)
    {
        var context = new GradingContext(Scenario, messages, [], "h", "h", false, new Termination(TerminationReason.UserStop));
        var (results, reward, success) = await grader.GradeAsync(context, CancellationToken.None);
        return new Trajectory
        {
            EpisodeId = episodeId,
            RunId = "run",
            Environment = new EnvironmentIdentity(Spec.Name, Spec.Version, "hash"),
            Scenario = new ScenarioReference("s", "train"),
            Seed = 0,
            Repetition = 0,
            Policy = new ModelIdentity("test", "policy"),
            User = new ModelIdentity("scripted", "user"),
            Judge = grader.JudgeIdentity,
            StartedAt = DateTimeOffset.UnixEpoch,
            DurationMs = 1,
            Messages = messages,
            Turns = [],
            ToolCalls = [],
            FinalStateHash = "h",
            GoldStateHash = "h",
            Termination = context.Termination,
            Graders = results,
            Reward = reward,
            Success = success,
            Transferred = false,
            Usage = new UsageSummary(TokenCount.Zero, TokenCount.Zero, TokenCount.Zero, false),
            Cost = new CostSummary(0, 0, 0),
        };
    }

    /// <summary>Judged trajectories of <see cref="Conversations"/>.</summary>
    public static async Task<IReadOnlyList<Trajectory>> TrajectoriesAsync(int count, int seed)
    {
        var grader = new EpisodeGrader(Spec, Judge);
        var trajectories = new List<Trajectory>(count);
        var index = 0;
        foreach (var conversation in Conversations(count, seed))
        {
            trajectories.Add(await TrajectoryAsync($"e{index++:D3}", conversation, grader));
        }

        return trajectories;
    }

    /// <summary>A tokenizer trained on the conversations' texts, and a tiny trunk for it.</summary>
    public static Tokenizer Tokenizer { get; } = TokenizerTrainer.Train(Conversations(200, 99).SelectMany(c => ChatTemplate.TextsOf(c)), 400);

    public static TransformerConfig Config(int seed = 3) => new()
    {
        VocabularySize = Tokenizer.VocabularySize,
        ContextLength = 64,
        Layers = 2,
        Width = 32,
        Heads = 4,
        InitSeed = seed,
    };

    public static ChatMessageRecord User(string text) => new() { Role = "user", Content = text };

    public static ChatMessageRecord Assistant(string text) => new() { Role = "assistant", Content = text };

    /// <summary>The judge's scores (1 to 5) of what the agent said.</summary>
    public static (int Empathy, int Clarity) Judgement(string agentText)
    {
        var empathy = agentText.Contains("sorry", StringComparison.OrdinalIgnoreCase) ? 5 : agentText.Contains("understand", StringComparison.Ordinal) ? 3 : 1;
        var clarity = 1 + (OrderId().IsMatch(agentText) ? 2 : 0) + (Amount().IsMatch(agentText) ? 2 : 0);
        return (empathy, clarity);
    }

    [GeneratedRegex(@"#W\d{7}")]
    private static partial Regex OrderId();

    [GeneratedRegex(@"\$\d+\.\d\d")]
    private static partial Regex Amount();

    private sealed class RuleJudge : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var transcript = messages.Last().Text;
            var agent = string.Join("\n", transcript.Split('\n').Where(line => line.StartsWith("AGENT:", StringComparison.Ordinal)));
            var (empathy, clarity) = Judgement(agent);
            var answer = $$"""{"scores":[{"criterion":"empathy","score":{{empathy}},"reason":"r"},{"criterion":"clarity","score":{{clarity}},"reason":"r"}]}""";
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
