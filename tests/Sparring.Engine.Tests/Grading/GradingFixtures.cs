using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Tests.Fixtures;

namespace Sparring.Engine.Tests.Grading;

/// <summary>What grader tests build again and again: a judge that gives a fixed answer, and a spec made of graders only.</summary>
internal static class GradingFixtures
{
    /// <summary>A judge that always answers <paramref name="answer"/>, reporting the given usage, at the given price.</summary>
    public static ChatModel Judge(string answer, out FakeChatClient client, int inputTokens, int outputTokens, ModelPricing pricing)
    {
        client = new FakeChatClient((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens } });
        return new ChatModel(client, new ModelIdentity("test", "judge"), pricing);
    }

    /// <summary>An environment spec holding only graders and a weighted-sum reward over them.</summary>
    public static EnvironmentSpec SpecWith(params GraderSpec[] graders) => new()
    {
        Name = "x",
        Version = "1",
        Agent = new AgentSpec { Instructions = "i" },
        Tools = [],
        State = [],
        Scenarios = [],
        Graders = graders,
        Reward = new RewardSpec { Weights = graders.ToDictionary(g => g.Name, _ => 1.0) },
    };
}
