using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Users;
using Sparring.Training.Tokenization;
using Sparring.Training.Chat;
using Sparring.Training.Checkpoints;
using Sparring.Training.Data;
using Sparring.Training.Generation;
using Sparring.Training.Ppo;

namespace Sparring.Training.Tests;

/// <summary>PPO trains on the tokens the policy sampled, not on a re-encoding of the transcript's text.</summary>
public sealed class ExactConversationTests
{
    [Fact]
    public void Sampled_turns_are_spliced_in_as_sampled_and_a_turn_cut_by_the_limit_is_closed()
    {
        var template = TinyPolicy.Create().Template;
        var malformed = TinyPolicy.Tokenizer.Encode("Let me look").Append(SpecialTokens.ToolCall).Concat(TinyPolicy.Tokenizer.Encode("{\"name\":\"get_order\",\"argu")).Append(SpecialTokens.End).ToArray();
        var cut = TinyPolicy.Tokenizer.Encode("You're wel").ToArray();
        ChatMessageRecord[] messages =
        [
            TinyPolicy.User("where is my order #W2378156?"),
            new() { Role = "assistant", ToolCalls = [new ToolCallMessage("c1", "function", new FunctionCallMessage("invalid_tool_call", "{}"))] },
            new() { Role = "tool", Content = "Error: malformed", ToolCallId = "c1" },
            TinyPolicy.User("thanks"),
            TinyPolicy.Assistant("You're wel"),
        ];

        var (ids, mask) = ExactConversation.Render(template, messages, [malformed, cut], new PromptOptions());

        var trained = ids.Where((_, i) => mask[i]).ToArray();
        Assert.Equal(malformed.Concat(cut), trained);
        Assert.Equal(SpecialTokens.End, ids[^1]);
        Assert.False(mask[^1]);
        Assert.DoesNotContain("invalid_tool_call", TinyPolicy.Tokenizer.Decode(ids), StringComparison.Ordinal);
        var plain = template.Render(messages);
        Assert.Equal(plain.Ids.Take(plain.Messages[1].ContentStart), ids.Take(plain.Messages[1].ContentStart));
    }

    [Fact]
    public async Task An_episode_of_a_local_policy_records_its_samples_and_ppo_trains_on_exactly_those()
    {
        var environment = await new EnvironmentLoader(NullLogger<EnvironmentLoader>.Instance)
            .LoadAsync(Path.Combine(RepositoryPaths.Root, "tests", "Sparring.Engine.Tests", "Fixtures", "mini-shop"));
        using var policy = TinyPolicy.Create(seed: 4);
        await using var batcher = new GenerationBatcher(new SequenceGenerator(policy.Model, ChatTemplate.IsStopToken), 8, TimeSpan.Zero, NullLogger.Instance);
        var client = new PolicyChatClient(policy, batcher, "tiny", new PolicySampling(1f, 1f, 24));
        var runner = new EpisodeRunner(environment, new ChatModel(client, new ModelIdentity("sparring", "tiny"), ModelPricing.Free), new ScriptedMockUserFactory(), new EpisodeGrader(environment.Spec, judge: null));

        var trajectory = await runner.RunAsync(new EpisodeRequest("run", "cancel-a1", 0, 7));

        var sampled = trajectory.Turns.Where(turn => turn.Role == "assistant").Select(turn => turn.GeneratedTokens).ToList();
        Assert.NotEmpty(sampled);
        Assert.All(sampled, tokens => Assert.NotNull(tokens));
        var episode = PpoEpisode.From(trajectory, 1.0, policy.Template, policy.Config.Prompt, 100_000, 24)!;
        var trained = episode.Ids.Where((_, i) => episode.PolicyMask[i]).ToArray();
        Assert.Equal(sampled.SelectMany(tokens => tokens!), trained);
    }
}
