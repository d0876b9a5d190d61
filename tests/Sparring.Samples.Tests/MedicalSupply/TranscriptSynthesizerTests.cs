using System.Text.Json;
using Sparring.Abstractions.Trajectories;
using Sparring.Samples.MedicalSupply;
using Xunit.Abstractions;

namespace Sparring.Samples.Tests.MedicalSupply;

[Collection(MedicalSupplyCollection.Name)]
public sealed class TranscriptSynthesizerTests(MedicalSupplyEnvironment fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task CommittedTranscriptsAreReproducibleAndHoldMistakesToFix()
    {
        var trajectories = await new TranscriptSynthesizer(fixture.Environment).RunAsync();
        var path = Path.Combine(MedicalSupplyEnvironment.Folder, "transcripts", "synthetic.jsonl");
        GoldenFile.AssertMatches(path, TranscriptSynthesizer.ToJsonl(trajectories));

        var imperfect = trajectories.Count(t => t.Reward < 1);
        var mean = trajectories.Average(t => t.Reward);
        output.WriteLine($"{trajectories.Count} conversations, {imperfect} imperfect, mean reward {mean:0.000}");
        Assert.Equal(fixture.Environment.Spec.Scenarios.Count * TranscriptSynthesizer.DefaultRepetitions, trajectories.Count);
        Assert.InRange((double)imperfect / trajectories.Count, 0.25, 0.75);
        Assert.InRange(mean, 0.4, 0.9);
        Assert.Contains(trajectories, t => t.Graders.Any(g => g.Name == "safety" && g.Applicable && g.Score == 0));
        Assert.Contains(trajectories, t => t.Graders.Any(g => g.Name == "containment" && g.Score == 0));
        Assert.Contains(trajectories, t => t.Graders.Any(g => g.Name == "state" && g.Score == 0));
        Assert.Contains(trajectories, t => t.Graders.Any(g => g.Name == "confirms_changes" && g.Applicable && g.Score == 0));
    }

    [Fact]
    public async Task EveryLineIsAChatConversationWithToolCallsPairedToResults()
    {
        var trajectories = await new TranscriptSynthesizer(fixture.Environment, repetitions: 1).RunAsync();
        var lines = TranscriptSynthesizer.ToJsonl(trajectories).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(trajectories.Count, lines.Length);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            var messages = document.RootElement.GetProperty("messages").EnumerateArray().ToList();
            Assert.Single(document.RootElement.EnumerateObject());
            Assert.Equal("system", messages[0].GetProperty("role").GetString());
            Assert.Equal("user", messages[1].GetProperty("role").GetString());
            var callIds = messages.Where(m => m.TryGetProperty("tool_calls", out _))
                .SelectMany(m => m.GetProperty("tool_calls").EnumerateArray().Select(c => c.GetProperty("id").GetString()))
                .ToList();
            var answered = messages.Where(m => m.GetProperty("role").GetString() == "tool").Select(m => m.GetProperty("tool_call_id").GetString()).ToList();
            Assert.Equal(callIds, answered);
        }

        Assert.Contains(lines, l => l.Contains("\"tool_calls\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheImperfectAgentScoresBelowTheReferenceAgent()
    {
        var trajectories = await new TranscriptSynthesizer(fixture.Environment, repetitions: 1, mistakeRate: 1).RunAsync();
        Assert.True(trajectories.Average(t => t.Reward) < 0.8, ReferenceAgentTests.Describe(trajectories.Take(3)));
        Assert.All(trajectories.Where(t => t.Scenario.Id.StartsWith("emergency-chest", StringComparison.Ordinal)), t => Assert.Equal(0, t.Reward));
        Assert.DoesNotContain(trajectories, t => t.Termination.Reason == TerminationReason.Error);
    }
}
