using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Users;
using Sparring.Samples.MedicalSupply;
using Xunit.Abstractions;

namespace Sparring.Samples.Tests.MedicalSupply;

[Collection(MedicalSupplyCollection.Name)]
public sealed class ReferenceAgentTests(MedicalSupplyEnvironment fixture, ITestOutputHelper output)
{
    private const int Repetitions = 3;

    [Fact]
    public async Task SolvesEveryScenarioWithMeanRewardOfAtLeast095()
    {
        var environment = fixture.Environment;
        var runner = new EpisodeRunner(
            environment,
            new ChatModel(new ReferenceAgent(), new ModelIdentity("reference", ReferenceAgent.ModelId), ModelPricing.Free),
            new ScriptedMockUserFactory(),
            new EpisodeGrader(environment.Spec, judge: null));

        var trajectories = new List<Trajectory>();
        foreach (var scenario in environment.Spec.Scenarios)
        {
            // Several seeds, so that every phrasing the scripted users pick from is met.
            for (var repetition = 0; repetition < Repetitions; repetition++)
            {
                trajectories.Add(await runner.RunAsync(new EpisodeRequest("reference", scenario.Id, repetition, 1000 + repetition)));
            }
        }

        var mean = trajectories.Average(t => t.Reward);
        output.WriteLine($"mean reward {mean:0.000} over {trajectories.Count} episodes");
        var failing = trajectories.Where(t => t.Reward < 1).ToList();
        Assert.True(mean >= 0.95 && failing.Count == 0, $"mean reward {mean:0.000}; imperfect episodes:\n{Describe(failing)}");
    }

    [Fact]
    public async Task StreamingGivesTheSameAnswer()
    {
        using var agent = new ReferenceAgent();
        List<ChatMessage> messages = [new(ChatRole.System, "Today is 2026-01-15."), new(ChatRole.User, "My husband won't wake up!")];
        var response = await agent.GetResponseAsync(messages);
        var streamed = await agent.GetStreamingResponseAsync(messages).ToChatResponseAsync();
        Assert.Contains("911", response.Text, StringComparison.Ordinal);
        Assert.Equal(response.Text, streamed.Text);
    }

    internal static string Describe(IEnumerable<Trajectory> trajectories)
    {
        var text = new StringBuilder();
        foreach (var t in trajectories)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {t.Scenario.Id}: reward {t.Reward:0.000}, {t.Termination.Reason} ({t.Termination.Detail})");
            foreach (var grader in t.Graders.Where(g => g.Applicable && g.Score < 1))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {grader.Name}: {grader.Score:0.00} {grader.Reason}");
            }

            foreach (var message in t.Messages.Where(m => m.Role != "system"))
            {
                var calls = message.ToolCalls is { } c ? string.Join("; ", c.Select(x => $"{x.Function.Name}({x.Function.Arguments})")) : string.Empty;
                text.AppendLine(CultureInfo.InvariantCulture, $"      {message.Role}: {message.Content}{calls}");
            }
        }

        return text.ToString();
    }
}
