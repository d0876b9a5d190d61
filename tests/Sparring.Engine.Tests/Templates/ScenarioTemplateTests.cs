using Sparring.Abstractions.Json;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Runs;
using Sparring.Engine.Templates;
using Sparring.Engine.Tests.Environments;
using Sparring.Engine.Tests.Fixtures;
using Sparring.Engine.Users;

namespace Sparring.Engine.Tests.Templates;

/// <summary>Template instances: ids, counts, determinism, the cache, and how the rest of the engine sees them.</summary>
public sealed class ScenarioTemplateTests : IDisposable
{
    private readonly SpecFolder _folder = TemplatedShop.Copy();

    public void Dispose() => _folder.Dispose();

    private static string Json(IEnumerable<ScenarioSpec> scenarios) => System.Text.Encoding.UTF8.GetString(ScenarioJson.Serialize([.. scenarios]));

    private static IEnumerable<ScenarioSpec> Generated(LoadedEnvironment environment) => environment.Spec.Scenarios.Where(s => s.Template is not null);

    [Fact]
    public async Task Instances_follow_the_written_scenarios_counted_per_split_with_ids_tags_keys_and_gold_hashes()
    {
        var environment = await new EnvironmentLoader().LoadAsync(_folder.Path);

        var ids = environment.Spec.Scenarios.Select(s => s.Id).ToList();
        Assert.Equal(["refund-dispute", "lost-parcel"], ids.Take(2));
        Assert.Equal(
            [
                .. Enumerable.Range(0, 40).Select(i => $"cancel-pending.train.{i}"), .. Enumerable.Range(0, 12).Select(i => $"cancel-pending.test.{i}"),
                .. Enumerable.Range(0, 6).Select(i => $"order-status.train.{i}"), .. Enumerable.Range(0, 3).Select(i => $"order-status.test.{i}"),
            ],
            ids.Skip(2));
        Assert.Equal(new TemplateLoadStats(61, 61, 61, environment.Templates.Elapsed), environment.Templates);

        var cancel = environment.Scenario("cancel-pending.test.3");
        Assert.Equal("cancel-pending", cancel.Template);
        Assert.Equal("test", cancel.Split);
        Assert.Equal("cancel", cancel.Tags[0]);
        Assert.Contains(cancel.Tags[1], new[] { "change-of-mind", "mistake" });
        Assert.Matches("^CUS-\\d{4}$", cancel.Key);
        var action = Assert.Single(cancel.Expected.Actions);
        Assert.Equal("cancel_order", action.Name);
        Assert.Contains(action.Arguments["order_id"]!.GetValue<string>(), cancel.Persona.ReasonForCall, StringComparison.Ordinal);
        Assert.NotEqual(environment.GoldStateHashes["lost-parcel"], environment.GoldStateHashes[cancel.Id]);
        Assert.Equal(environment.GoldStateHashes["lost-parcel"], environment.GoldStateHashes["order-status.train.0"]);
        Assert.Null(environment.Scenario("lost-parcel").Template);
    }

    [Fact]
    public async Task The_same_spec_gives_the_same_instances_byte_for_byte()
    {
        var first = await new EnvironmentLoader().LoadAsync(_folder.Path);
        var second = await new EnvironmentLoader().LoadAsync(_folder.Path);

        Assert.Equal(Json(Generated(first)), Json(Generated(second)));
        Assert.Equal(first.GoldStateHashes.OrderBy(p => p.Key), second.GoldStateHashes.OrderBy(p => p.Key));
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(61, second.Templates.Generated);
    }

    [Fact]
    public async Task Instances_stay_the_same_when_the_counts_change()
    {
        var small = await new EnvironmentLoader().LoadAsync(_folder.Path);
        using var bigger = TemplatedShop.Copy(cancelTrain: 70, cancelTest: 30);
        var large = await new EnvironmentLoader().LoadAsync(bigger.Path);

        // More test instances leave every train instance alone; more train instances extend the list (past a chunk of 32).
        Assert.Equal(Json(Generated(small).Where(s => s.Split == "train")), Json(Generated(large).Where(s => s.Split == "train" && (s.Template != "cancel-pending" || int.Parse(s.Id.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture) < 40))));
        Assert.Equal(Json(Generated(small).Where(s => s.Split == "test" && s.Template == "cancel-pending")), Json(Generated(large).Where(s => s.Split == "test" && s.Template == "cancel-pending").Take(12)));
    }

    [Fact]
    public async Task No_test_instance_shares_a_customer_with_the_train_side_or_the_transcripts()
    {
        var environment = await new EnvironmentLoader().LoadAsync(_folder.Path);

        var trainKeys = environment.Spec.Scenarios.Where(s => s.Split == "train").Select(s => s.Key).ToHashSet();
        var transcriptKeys = File.ReadAllLines(_folder.FilePath("transcripts/sft.jsonl"))
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("metadata").GetProperty("customer_id").GetString())
            .ToHashSet();
        var testKeys = environment.Spec.Scenarios.Where(s => s.Split == "test").Select(s => s.Key).ToList();
        Assert.DoesNotContain(testKeys, trainKeys.Contains);
        Assert.DoesNotContain(testKeys, transcriptKeys.Contains);
        Assert.Contains("CUS-0002", testKeys); // the written test scenario's customer
    }

    [Fact]
    public async Task A_second_load_takes_every_instance_from_the_cache_without_generating_or_replaying()
    {
        var loader = new EnvironmentLoader();
        var cold = await loader.LoadAsync(_folder.Path);

        var warm = await loader.LoadAsync(_folder.Path);

        Assert.Equal((61, 61), (cold.Templates.Generated, cold.Templates.Validated));
        Assert.Equal((61, 0, 0), (warm.Templates.Instances, warm.Templates.Generated, warm.Templates.Validated));
        Assert.Equal(Json(Generated(cold)), Json(Generated(warm)));
        Assert.Equal(cold.GoldStateHashes.OrderBy(p => p.Key), warm.GoldStateHashes.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_cache_folder_keeps_instances_between_processes_and_a_tool_change_replays_them_again()
    {
        var cacheFolder = Path.Combine(_folder.Path, ScenarioCache.DefaultFolderName);
        await new EnvironmentLoader().LoadAsync(_folder.Path, ScenarioCache.InFolder(cacheFolder));
        Assert.True(File.Exists(Path.Combine(cacheFolder, ".gitignore")));

        var warm = await new EnvironmentLoader().LoadAsync(_folder.Path, ScenarioCache.InFolder(cacheFolder));
        _folder.Write(ValidSpec.Replace(_folder.Spec(), "order.status = 'cancelled';", "order.status = 'cancelled'; order.cancelled = true;"));
        var changedTools = await new EnvironmentLoader().LoadAsync(_folder.Path, ScenarioCache.InFolder(cacheFolder));

        Assert.Equal((0, 0), (warm.Templates.Generated, warm.Templates.Validated));
        Assert.Equal((0, 61), (changedTools.Templates.Generated, changedTools.Templates.Validated));
    }

    [Fact]
    public async Task A_damaged_cache_file_is_rebuilt_not_an_error()
    {
        var cacheFolder = Path.Combine(_folder.Path, ScenarioCache.DefaultFolderName);
        Directory.CreateDirectory(cacheFolder);
        await File.WriteAllTextAsync(Path.Combine(cacheFolder, "scenarios.json"), "{ not json");

        var environment = await new EnvironmentLoader().LoadAsync(_folder.Path, ScenarioCache.InFolder(cacheFolder));
        var again = await new EnvironmentLoader().LoadAsync(_folder.Path, ScenarioCache.InFolder(cacheFolder));

        Assert.Equal(61, environment.Templates.Generated);
        Assert.Equal(0, again.Templates.Generated);
    }

    [Fact]
    public async Task Split_filters_and_plans_take_instances_like_written_scenarios()
    {
        var environment = await new EnvironmentLoader().LoadAsync(_folder.Path);

        var plan = EvaluationPlan.Create(environment, "run", episodesPerScenario: 2, seed: 1, split: "test");

        Assert.Equal((1 + 12 + 3) * 2, plan.Count);
        Assert.Contains(plan, e => e.ScenarioId == "order-status.test.2");
        Assert.DoesNotContain(plan, e => e.ScenarioId.Contains(".train.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_environment_without_templates_loads_as_before()
    {
        var environment = await Fixtures.Fixture.LoadAsync("mini-shop");

        Assert.Same(TemplateLoadStats.None, environment.Templates);
        Assert.All(environment.Spec.Scenarios, s => Assert.Null(s.Template));
        Assert.Equal(["cancel-a1", "refund-dispute", "smoke-alarm"], environment.Spec.Scenarios.Select(s => s.Id));
    }

    [Fact]
    public async Task Generators_see_the_library_a_seeded_ctx_and_their_request()
    {
        var generator = """
            function generate(state, request, ctx) {
              return {
                key: request.split + request.index,
                scenario: {
                  persona: { reasonForCall: [request.template, request.split, request.index, typeof request.seed, ctx.now, ctx.newId('N-').length, ctx.splitOf('x')].join('|') },
                  expected: { outputs: [findOrder(state, 'A2').status, String(Math.random() === Math.random())] },
                },
              };
            }
            """;
        _folder.Write(TemplateSpec.With(generator, train: 2, test: 1));

        var environment = await _folder.LoadAsync();

        var instance = environment.Scenario("gen.test.0");
        Assert.Matches("^gen\\|test\\|0\\|number\\|2026-01-15T10:00:00\\.000Z\\|12\\|(train|test)$", instance.Persona.ReasonForCall);
        Assert.Equal(["delivered", "false"], instance.Expected.Outputs);
        Assert.Equal("test0", instance.Key);
    }

    [Fact]
    public async Task Episodes_of_an_instance_record_its_template_in_the_trajectory_and_the_summary()
    {
        var environment = await new EnvironmentLoader().LoadAsync(_folder.Path);
        var runner = new EpisodeRunner(
            environment,
            new ChatModel(new FakeChatClient((_, _) => FakeChatClient.Say("Could you give me your email?")), new ModelIdentity("test", "policy"), ModelPricing.Free),
            new ScriptedMockUserFactory(),
            new EpisodeGrader(environment.Spec, judge: null));

        var generated = await runner.RunAsync(new EpisodeRequest("run", "order-status.test.1", 0, 7));
        var written = await runner.RunAsync(new EpisodeRequest("run", "lost-parcel", 0, 7));

        Assert.Equal("order-status", generated.Scenario.Template);
        Assert.Equal("order-status", EpisodeSummary.From(generated).Template);
        Assert.Contains("\"scenario\":{\"id\":\"order-status.test.1\",\"split\":\"test\",\"template\":\"order-status\"}", System.Text.Json.JsonSerializer.Serialize(generated, SparringJsonContext.Default.Trajectory), StringComparison.Ordinal);
        Assert.Null(written.Scenario.Template);
        Assert.Contains("\"scenario\":{\"id\":\"lost-parcel\",\"split\":\"test\"}", System.Text.Json.JsonSerializer.Serialize(written, SparringJsonContext.Default.Trajectory), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_a_generator_keeps_between_calls_depends_only_on_the_instance_place_in_its_chunk()
    {
        var generator = """
            let calls = 0;
            function generate(state, request, ctx) {
              calls++;
              return { key: request.split + request.index, scenario: { persona: { reasonForCall: 'call ' + calls }, expected: {} } };
            }
            """;
        _folder.Write(TemplateSpec.With(generator, train: TemplateGenerator.ChunkSize + 3, test: 1));

        var first = await _folder.LoadAsync();
        var second = await _folder.LoadAsync();

        Assert.Equal("call 1", first.Scenario("gen.train.0").Persona.ReasonForCall);
        Assert.Equal($"call {TemplateGenerator.ChunkSize}", first.Scenario($"gen.train.{TemplateGenerator.ChunkSize - 1}").Persona.ReasonForCall);
        Assert.Equal("call 1", first.Scenario($"gen.train.{TemplateGenerator.ChunkSize}").Persona.ReasonForCall);
        Assert.Equal("call 1", first.Scenario("gen.test.0").Persona.ReasonForCall);
        Assert.Equal(Json(Generated(first)), Json(Generated(second)));
    }
}
