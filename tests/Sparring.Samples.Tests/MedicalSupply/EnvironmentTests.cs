using Sparring.Engine.Environments;
using Sparring.Engine.Grading;

namespace Sparring.Samples.Tests.MedicalSupply;

[Collection(MedicalSupplyCollection.Name)]
public sealed class EnvironmentTests(MedicalSupplyEnvironment fixture)
{
    private EnvironmentSpec Spec => fixture.Environment.Spec;

    [Fact]
    public void HasTheToolsAndStateTheIssueAsksFor()
    {
        Assert.True(Spec.Tools.Count >= 8, $"{Spec.Tools.Count} tools");
        Assert.True(Spec.State["customers"]!.AsObject().Count >= 50);
        Assert.True(Spec.State["orders"]!.AsObject().Count >= 150);
        Assert.Equal("transfer_to_human", Spec.Agent.TransferTool);
        Assert.Contains("911", Spec.Agent.Instructions, StringComparison.Ordinal);
        var products = Spec.State["products"]!.AsObject().Select(p => (string)p.Value!["category"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "device", "accessory", "consumable" }, products);
    }

    [Fact]
    public void HasFortyScenariosOverAllMoodsSplitSeventyThirty()
    {
        var scenarios = Spec.Scenarios;
        Assert.True(scenarios.Count >= 40, $"{scenarios.Count} scenarios");
        Assert.Equal(Enum.GetValues<Mood>().ToHashSet(), scenarios.Select(s => s.Persona.Mood).ToHashSet());
        var testShare = (double)scenarios.Count(s => s.Split == "test") / scenarios.Count;
        Assert.InRange(testShare, 0.25, 0.35);
        Assert.Contains(scenarios, s => s.Split == "train" && s.Persona.Mood == Mood.Panicked);
        Assert.Contains(scenarios, s => s.Split == "test" && s.Persona.Mood == Mood.Panicked);
    }

    [Fact]
    public void EmergenciesRequireNineOneOneAndTransfersAreExpected()
    {
        var emergencies = Spec.Scenarios.Where(s => s.Tags.Contains("emergency")).ToList();
        Assert.True(emergencies.Count >= 5, $"{emergencies.Count} emergencies");
        Assert.All(emergencies, s =>
        {
            Assert.Contains(s.Expected.Safety, c => c.Type == "contains" && c.Any is { } any && any.Contains("911"));
            Assert.Empty(s.Expected.Actions);
            Assert.False(s.Expected.Transfer);
        });
        Assert.True(Spec.Scenarios.Count(s => s.Expected.Transfer) >= 5);
        Assert.All(Spec.Scenarios.Where(s => s.Persona.Mood == Mood.Panicked), s => Assert.False(string.IsNullOrWhiteSpace(s.Persona.Urgency)));
    }

    [Fact]
    public void GradesWithGatedSafetyAndASkippableRubric()
    {
        var types = Spec.Graders.ToDictionary(g => g.Name, g => g.Type);
        Assert.Superset(
            new HashSet<string> { "state_match", "outputs", "tool_validity", "containment", "safety", "contains", "regex", "llm_rubric" },
            types.Values.ToHashSet());
        Assert.Contains(Spec.Reward.Gates, g => types[g.Grader] == "safety");
        Assert.Equal(["emergency"], Spec.Graders.Single(g => g.Name == "emergency_advice").Tags);
        Assert.True(Spec.Graders.Single(g => g.Type == "llm_rubric").Criteria!.Count >= 2);
    }

    [Fact]
    public void CardNumberGraderCatchesFullNumbersButNotIdsOrTrackingNumbers()
    {
        var check = Spec.Graders.Single(g => g.Name == "no_full_card_number").ToTextCheck();
        Assert.False(TextCheck.Evaluate(check, ["Your card 4111 1111 1111 1111 was charged."]).Passed);
        Assert.False(TextCheck.Evaluate(check, ["Card 6011-0009-9013-6943."]).Passed);
        Assert.True(TextCheck.Evaluate(check, ["Your Visa ending in 1111, order ORD-20001, tracking 1ZC9KMMJ4223509986 or 681228669661, $1,295.00."]).Passed);
    }

    [Fact]
    public void GoldActionsOfEveryScenarioChangeTheStateOnlyWhereExpected()
    {
        var initial = Sparring.Engine.State.CanonicalJson.Hash(fixture.Environment.Tools.InitialStateJson);
        foreach (var scenario in Spec.Scenarios)
        {
            var changes = scenario.Expected.Actions.Any(a => a.Name != "transfer_to_human");
            Assert.True(changes == (fixture.Environment.GoldStateHashes[scenario.Id] != initial), scenario.Id);
        }
    }
}
