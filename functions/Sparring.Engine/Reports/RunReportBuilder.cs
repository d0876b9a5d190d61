using System.Text.Json;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Reports;

/// <summary>
/// Builds the run report from episode summaries; the same summaries always give the same report. Episodes group per
/// scenario and, for scenarios a template generated, per template.
/// </summary>
public static class RunReportBuilder
{
    /// <summary>Who and what produced the run, as the report names them.</summary>
    /// <param name="RunId">Run id.</param>
    /// <param name="Environment">Environment identity.</param>
    /// <param name="Policy">Policy identity.</param>
    /// <param name="User">Mock user identity.</param>
    /// <param name="Judge">Judge identity, if any.</param>
    public sealed record RunIdentity(string RunId, EnvironmentIdentity Environment, ModelIdentity Policy, ModelIdentity User, ModelIdentity? Judge);

    /// <summary>The report of a run.</summary>
    public static RunReport Build(RunIdentity run, IReadOnlyCollection<EpisodeSummary> episodes)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(episodes);
        var ordered = episodes.OrderBy(e => e.ScenarioId, StringComparer.Ordinal).ThenBy(e => e.EpisodeId, StringComparer.Ordinal).ToList();
        var byScenario = ordered.GroupBy(e => e.ScenarioId, StringComparer.Ordinal).ToList();
        var passHatK = PassHatK.Compute([.. byScenario.Select(g => (g.Count(), g.Count(e => e.Success)))]);
        var graderNames = ordered.SelectMany(e => e.Graders.Keys.Concat(e.NotApplicable)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var count = Math.Max(1, ordered.Count);

        return new RunReport
        {
            RunId = run.RunId,
            Environment = run.Environment.Name,
            EnvironmentVersion = run.Environment.Version,
            EnvironmentHash = run.Environment.ContentHash,
            Policy = run.Policy.ToString(),
            User = run.User.ToString(),
            Judge = run.Judge?.ToString(),
            Episodes = ordered.Count,
            Scenarios = byScenario.Count,
            MeanReward = Round(ordered.Count == 0 ? 0 : ordered.Average(e => e.Reward)),
            SuccessRate = Round(ordered.Count == 0 ? 0 : ordered.Count(e => e.Success) / (double)ordered.Count),
            PassHatK = passHatK.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => Round(p.Value)),
            ContainmentRate = Round(ordered.Count == 0 ? 0 : ordered.Count(e => !e.Transferred) / (double)ordered.Count),
            Graders = graderNames.ToDictionary(
                name => name,
                name =>
                {
                    var scores = ordered.Where(e => e.Graders.ContainsKey(name)).Select(e => e.Graders[name]).ToList();
                    return new GraderSummary(scores.Count == 0 ? null : Round(scores.Average()), scores.Count, ordered.Count(e => e.NotApplicable.Contains(name)));
                },
                StringComparer.Ordinal),
            Terminations = ordered.GroupBy(e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Termination.ToString()), StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Tokens = new TokenSummary(
                ordered.Sum(e => e.Usage.TotalTokens),
                ordered.Sum(e => e.Usage.Policy.Total),
                ordered.Sum(e => e.Usage.User.Total),
                ordered.Sum(e => e.Usage.Judge.Total),
                Round(ordered.Sum(e => e.Usage.TotalTokens) / (double)count),
                ordered.Any(e => e.Usage.Estimated)),
            Cost = new CostReport(
                ordered.Sum(e => e.Cost.Total),
                ordered.Sum(e => e.Cost.Policy),
                ordered.Sum(e => e.Cost.User),
                ordered.Sum(e => e.Cost.Judge),
                decimal.Round(ordered.Sum(e => e.Cost.Total) / count, 6)),
            Latency = new LatencySummary(
                Round(Percentile.Of(ordered.SelectMany(e => e.PolicyLatenciesMs), 50)),
                Round(Percentile.Of(ordered.SelectMany(e => e.PolicyLatenciesMs), 95)),
                Round(Percentile.Of(ordered.Select(e => e.DurationMs), 50)),
                Round(Percentile.Of(ordered.Select(e => e.DurationMs), 95))),
            ScenarioMeanReward = byScenario.ToDictionary(g => g.Key, g => Round(g.Average(e => e.Reward)), StringComparer.Ordinal),
            Templates = ByTemplate(ordered, byScenario),
        };
    }

    private static Dictionary<string, TemplateSummary>? ByTemplate(List<EpisodeSummary> ordered, List<IGrouping<string, EpisodeSummary>> byScenario)
    {
        // An episode that could not run has no template in its summary; its scenario's other episodes tell it.
        var templateOf = ordered.Where(e => e.Template is not null)
            .GroupBy(e => e.ScenarioId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Template!, StringComparer.Ordinal);
        if (templateOf.Count == 0)
        {
            return null;
        }

        return byScenario.Where(g => templateOf.ContainsKey(g.Key))
            .GroupBy(g => templateOf[g.Key], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var episodes = g.SelectMany(scenario => scenario).ToList();
                    var passHatK = PassHatK.Compute([.. g.Select(scenario => (scenario.Count(), scenario.Count(e => e.Success)))]);
                    return new TemplateSummary(
                        g.Count(),
                        episodes.Count,
                        Round(episodes.Average(e => e.Reward)),
                        Round(episodes.Count(e => e.Success) / (double)episodes.Count),
                        passHatK.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => Round(p.Value)));
                },
                StringComparer.Ordinal);
    }

    private static double Round(double value) => Math.Round(value, 6);
}
