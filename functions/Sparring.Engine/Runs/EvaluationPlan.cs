using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Runs;

/// <summary>Which episodes a run plays: scenarios chosen by split and id, each repeated k times, every seed derived from the run seed.</summary>
public static class EvaluationPlan
{
    /// <summary>The episodes of a run, in a stable order (scenario order of the spec, then repetition).</summary>
    /// <param name="environment">The environment.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="episodesPerScenario">k, the repetitions per scenario (pass^k needs k ≥ the largest k reported).</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="split">train, test, or null for both.</param>
    /// <param name="scenarioIds">Only these scenarios, when given.</param>
    public static IReadOnlyList<EpisodeRequest> Create(LoadedEnvironment environment, string runId, int episodesPerScenario, long seed, string? split = null, IReadOnlyCollection<string>? scenarioIds = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Create(environment.Spec.Name, [.. environment.Spec.Scenarios.Select(s => (s.Id, s.Split))], runId, episodesPerScenario, seed, split, scenarioIds);
    }

    /// <summary>The same plan from the scenarios' ids and splits alone, as an orchestration plans without the spec.</summary>
    public static IReadOnlyList<EpisodeRequest> Create(string environmentName, IReadOnlyList<(string Id, string Split)> scenarios, string runId, int episodesPerScenario, long seed, string? split = null, IReadOnlyCollection<string>? scenarioIds = null)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodesPerScenario, 1);
        var unknown = scenarioIds?.Where(id => scenarios.All(s => s.Id != id)).ToList();
        if (unknown is { Count: > 0 })
        {
            throw new ArgumentException($"Environment '{environmentName}' has no scenario {string.Join(", ", unknown.Select(u => $"'{u}'"))}.", nameof(scenarioIds));
        }

        var chosen = scenarios
            .Where(s => split is null || s.Split == split)
            .Where(s => scenarioIds is null || scenarioIds.Contains(s.Id))
            .ToList();
        if (chosen.Count == 0)
        {
            throw new ArgumentException($"Environment '{environmentName}' has no scenario in split '{split}'.", nameof(split));
        }

        return [.. chosen.SelectMany(s => Enumerable.Range(0, episodesPerScenario).Select(r =>
            new EpisodeRequest(runId, s.Id, r, (long)(DeterministicRandom.SeedFrom($"{seed}/{s.Id}/{r}") >> 1))))];
    }
}
