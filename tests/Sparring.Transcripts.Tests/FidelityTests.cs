using Sparring.Engine.Environments;
using Sparring.Engine.Users;
using Sparring.Models;
using Sparring.Transcripts.Derivation;
using Sparring.Transcripts.Fidelity;
using Sparring.Transcripts.Ingest;
using Sparring.Transcripts.Parsing;
using Sparring.Transcripts.Users;
using Xunit.Abstractions;
using Sparring.Samples.MedicalSupply;

namespace Sparring.Transcripts.Tests;

public sealed class FidelityTests(ITestOutputHelper output)
{
    [Fact]
    public void IdenticalConversationsScoreOneAndDisjointOnesScoreLow()
    {
        var real = Enumerable.Range(0, 20).Select(i => Conversation(i, "Hi, where is my order?", "It's ORD-1042.", "Thanks, bye.")).ToList();
        var different = Enumerable.Range(0, 20).Select(i => Conversation(i, "HELP NOW!!! This is ridiculous!", "What? What? Why?", "What do you mean?", "I said I want it now!", "Useless.")).ToList();

        var same = FidelityScorer.Score("self", real, real);
        var apart = FidelityScorer.Score("other", real, different);

        Assert.Equal(1, same.Overall, 6);
        Assert.All(same.Features, f => Assert.Equal(1, f.Similarity, 6));
        Assert.True(apart.Overall < 0.3, $"disjoint conversations scored {apart.Overall}");
        Assert.True(apart.ClassifierAccuracy > 0.9, $"the classifier told them apart only {apart.ClassifierAccuracy} of the time");
    }

    [Fact]
    public void JensenShannonIsZeroForEqualAndOneForDisjointDistributions()
    {
        Assert.Equal(0, Divergence.JensenShannon([1, 2, 3], [2, 4, 6]), 9);
        Assert.Equal(1, Divergence.JensenShannon([1, 0], [0, 1]), 9);
    }

    [Fact]
    public async Task RanksTheTranscriptGroundedUserAboveThePlainScriptedOneOnHeldOutTranscripts()
    {
        // Ground on one half of the synthetic transcripts, score on the other: nothing of the held-out half reaches the users.
        var ingest = await new TranscriptIngest(new ScenarioDeriver(testPercent: 50)).IngestFilesAsync([TestData.Synthetic]);
        var grounding = ingest.Scenarios.Where(s => s.Scenario.Split == "train").ToList();
        var heldOut = ingest.Transcripts.Where(t => TranscriptSplit.Of(t.Id, 50) == "test").ToList();
        var corpus = GroundingCorpus.Build(ingest.Transcripts, grounding);
        var environment = (await new EnvironmentLoader().LoadAsync(TestData.Environment)).WithScenarios([.. grounding.Select(g => g.Scenario)]);
        var policy = SampleAgents.References["medical-supply-support"]();
        var ids = grounding.Select(g => g.Scenario.Id).ToList();

        var scripted = FidelityScorer.Score("scripted", heldOut, await FidelitySimulation.SimulateAsync(environment, policy, new ScriptedMockUserFactory(), ids, 1, seed: 1));
        var grounded = FidelityScorer.Score("grounded", heldOut, await FidelitySimulation.SimulateAsync(environment, policy, new GroundedScriptedUserFactory(corpus), ids, 1, seed: 1));

        foreach (var report in new[] { scripted, grounded })
        {
            output.WriteLine($"{report.User}: overall {report.Overall:0.000}, classifier accuracy {report.ClassifierAccuracy:0.000}, real {report.RealConversations}, simulated {report.SimulatedConversations}");
            foreach (var f in report.Features)
            {
                output.WriteLine($"  {f.Name,-18} similarity {f.Similarity:0.000}  real mean {f.RealMean:0.00}  simulated mean {f.SimulatedMean:0.00}");
            }
        }

        Assert.InRange(heldOut.Count, 30, 70);
        Assert.True(grounded.Overall > scripted.Overall, $"grounded {grounded.Overall:0.000} should beat scripted {scripted.Overall:0.000}");
    }

    private static Transcript Conversation(int i, params string[] customer)
    {
        var turns = new List<TranscriptTurn>();
        foreach (var text in customer)
        {
            turns.Add(new TranscriptTurn(TranscriptRole.Customer, text));
            turns.Add(new TranscriptTurn(TranscriptRole.Agent, $"Noted ({i})."));
        }

        return Transcript.Create("test", i, turns);
    }
}
