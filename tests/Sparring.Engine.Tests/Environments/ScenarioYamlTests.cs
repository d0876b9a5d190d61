using System.Text.Json.Nodes;
using Sparring.Engine.Environments;
using Sparring.Engine.Tests.Fixtures;
using Sparring.Engine.Tests.Templates;

namespace Sparring.Engine.Tests.Environments;

public sealed class ScenarioYamlTests : IDisposable
{
    private readonly SpecFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Json(IEnumerable<ScenarioSpec> scenarios) =>
        System.Text.Encoding.UTF8.GetString(ScenarioJson.Serialize([.. scenarios.Select(s => s with { Template = null })]));

    [Fact]
    public async Task Written_scenarios_read_back_as_a_scenario_file_of_the_same_environment()
    {
        var original = await Fixture.LoadAsync("mini-shop");
        var spec = File.ReadAllText(Path.Combine(Fixture.Path("mini-shop"), "environment.yaml"));
        var start = spec.IndexOf("\nscenarios:\n", StringComparison.Ordinal) + 1;
        var end = spec.IndexOf("\ngraders:\n", StringComparison.Ordinal) + 1;

        _folder.Write(string.Concat(spec.AsSpan(0, start), "scenarioFiles: [written.yaml]\n", spec.AsSpan(end)), ("written.yaml", ScenarioYaml.Serialize(original.Spec.Scenarios)));
        var reloaded = await _folder.LoadAsync();

        Assert.Equal(Json(original.Spec.Scenarios), Json(reloaded.Spec.Scenarios));
    }

    [Fact]
    public async Task Instances_are_written_with_their_template_as_a_comment_and_read_back_the_same()
    {
        using var shop = TemplatedShop.Copy(cancelTrain: 3, cancelTest: 1, statusTrain: 1, statusTest: 1);
        var environment = await new EnvironmentLoader().LoadAsync(shop.Path);

        var yaml = ScenarioYaml.Serialize(environment.Spec.Scenarios);

        Assert.Contains("# from template cancel-pending\n- id: cancel-pending.train.0\n  split: train\n  key: CUS-", yaml, StringComparison.Ordinal);
        Assert.Equal(Json(environment.Spec.Scenarios), Json(await ReadAsync(yaml)));
    }

    [Fact]
    public async Task Text_that_YAML_would_read_as_something_else_is_quoted()
    {
        string[] tricky = ["123", "1.5", "true", "null", "~", "a: b", "- x", "#x", " lead", "trail ", "it's", "quote\"d", "[x]", "{y}", "@at", "multi\nline\n", "tab\there", "é ü", ""];
        var scenario = new ScenarioSpec
        {
            Id = "tricky",
            Persona = new PersonaSpec { ReasonForCall = "x", Mood = Mood.Panicked, SatisfiedWhen = tricky },
            Expected = new ExpectedOutcome { Outputs = tricky, Actions = [new GoldAction { Name = "t", Arguments = new JsonObject { ["n"] = 1.25, ["s"] = "007", ["b"] = true, ["o"] = new JsonObject { ["deep"] = new JsonArray(1, "2") } } }] },
        };

        var read = await ReadAsync(ScenarioYaml.Serialize([scenario]));

        Assert.Equal(Json([scenario]), Json(read));
        Assert.Equal(Mood.Panicked, read[0].Persona.Mood);
    }

    private async Task<IReadOnlyList<ScenarioSpec>> ReadAsync(string yaml)
    {
        var path = _folder.FilePath("scenarios.yaml");
        await File.WriteAllTextAsync(path, yaml);
        var node = SpecDocument.Parse(path, path, new SourceMap())!;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()));
        return await ScenarioJson.DeserializeAsync(stream, path, CancellationToken.None);
    }
}
