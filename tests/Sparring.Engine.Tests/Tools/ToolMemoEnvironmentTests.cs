using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Grading;
using Sparring.Engine.Policies;
using Sparring.Engine.Runs;
using Sparring.Engine.Tests.Environments;
using Sparring.Engine.Tools;
using Sparring.Engine.Users;

namespace Sparring.Engine.Tests.Tools;

/// <summary>
/// On the real environments, what the memo answers equals what sessions without it compute: every scenario's gold
/// actions, and whole random-policy episodes byte for byte, first while the memo learns and again once it knows.
/// </summary>
[Collection(Tau2RetailCollection.Name)]
public sealed class ToolMemoEnvironmentTests(Tau2RetailFixture tau2, MedicalSupplyFixture medical) : IClassFixture<MedicalSupplyFixture>
{
    [Theory]
    [InlineData("medical-supply-support")]
    [InlineData("tau2-retail")]
    public async Task Every_gold_replay_gets_the_outcomes_and_hash_from_the_memo_that_a_session_without_it_computes(string name)
    {
        var environment = Environment(name);
        var plain = environment.Tools.WithMemo(ToolMemoOptions.Disabled);
        var scenarios = environment.Spec.Scenarios.Where(s => s.Expected.Actions.Count > 0).ToList();
        var failures = new List<string>();

        await Parallel.ForEachAsync(scenarios, async (scenario, token) =>
        {
            var expected = await ReplayAsync(plain, scenario.Expected.Actions);
            var (actual, usedEngine) = await ReplayWithEngineUseAsync(environment.Tools, scenario.Expected.Actions);
            var problem = (expected.SequenceEqual(actual), usedEngine, actual[^1] == environment.GoldStateHashes[scenario.Id]) switch
            {
                (false, _, _) => "differs from a session without the memo",
                (_, true, _) => "needed an engine although the load replayed it",
                (_, _, false) => "does not end on the gold state hash",
                _ => null,
            };
            if (problem is not null)
            {
                lock (failures)
                {
                    failures.Add($"{scenario.Id}: {problem}");
                }
            }
        });

        Assert.Empty(failures);
        Assert.True(scenarios.Count >= 20);
    }

    [Theory]
    [InlineData("medical-supply-support", 50, 2)]
    [InlineData("tau2-retail", 16, 1)]
    public async Task Random_policy_episodes_are_byte_identical_with_and_without_the_memo(string name, int scenarios, int repetitions)
    {
        var environment = Environment(name);
        var ids = environment.Spec.Scenarios.Take(scenarios).Select(s => s.Id).ToList();
        var plan = EvaluationPlan.Create(environment, "memo", repetitions, seed: 3, scenarioIds: ids);
        var withoutMemo = With(environment, ToolMemoOptions.Disabled);
        var withMemo = With(environment, new ToolMemoOptions());

        var expected = await RunAllAsync(withoutMemo, plan);
        var learning = await RunAllAsync(withMemo, plan);
        var nodes = withMemo.Tools.MemoNodes;
        var knowing = await RunAllAsync(withMemo, plan);

        Assert.Equal(expected, learning);
        Assert.Equal(expected, knowing);
        Assert.Equal(nodes, withMemo.Tools.MemoNodes);
        Assert.True(nodes > 0);
    }

    private LoadedEnvironment Environment(string name) => name == "tau2-retail" ? tau2.Environment : medical.Environment;

    private static LoadedEnvironment With(LoadedEnvironment environment, ToolMemoOptions memo) =>
        new(environment.Spec, environment.SourcePath, environment.ContentHash, environment.Tools.WithMemo(memo), environment.GoldStateHashes);

    // Every episode runs on its own fake clock, so its timings depend only on itself and episodes may run at once.
    private static async Task<string[]> RunAllAsync(LoadedEnvironment environment, IReadOnlyList<EpisodeRequest> plan)
    {
        var trajectories = new string[plan.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), async (i, token) =>
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(3) };
            var runner = new EpisodeRunner(
                environment,
                new ChatModel(new RandomPolicy(), new ModelIdentity("random", "random"), ModelPricing.Free),
                new ScriptedMockUserFactory(),
                new EpisodeGrader(environment.Spec, judge: null),
                clock);
            var trajectory = await runner.RunAsync(plan[i], token);
            trajectories[i] = JsonSerializer.Serialize(trajectory, SparringJsonContext.Default.Trajectory);
        });
        return trajectories;
    }

    // Each outcome as JSON, then the final state hash.
    private static async Task<List<string>> ReplayAsync(ToolSandbox sandbox, IReadOnlyList<GoldAction> actions) =>
        (await ReplayWithEngineUseAsync(sandbox, actions)).Results;

    private static async Task<(List<string> Results, bool UsedEngine)> ReplayWithEngineUseAsync(ToolSandbox sandbox, IReadOnlyList<GoldAction> actions)
    {
        using var session = sandbox.OpenSession(faultSeed: null, TimeProvider.System, CancellationToken.None);
        var results = new List<string>();
        foreach (var action in actions)
        {
            var outcome = await session.InvokeAsync(action.Name, action.Arguments.ToJsonString(), offeredOnly: false, CancellationToken.None);
            results.Add(outcome.ToString());
        }

        results.Add(session.StateHash());
        return (results, session.HasEngine);
    }
}
