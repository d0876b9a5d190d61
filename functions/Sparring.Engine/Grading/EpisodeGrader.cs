using Sparring.Abstractions.Grading;
using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;
using Sparring.Engine.Episodes;

namespace Sparring.Engine.Grading;

/// <summary>Runs an environment's graders on an episode and applies its reward formula.</summary>
public sealed class EpisodeGrader
{
    private readonly IReadOnlyList<(GraderSpec Spec, IGrader Grader)> _graders;
    private readonly RewardFormula _reward;

    /// <summary>
    /// Builds the graders of <paramref name="spec"/>. llm_rubric graders are scored by the judge when there is one, else
    /// by <paramref name="rubricScorer"/> (a reward model) when given, else skipped and say so; nl_assertions graders need
    /// the judge. A judge wins over a scorer: configure one or the other.
    /// </summary>
    /// <exception cref="ArgumentException">The scorer would grade an llm_rubric grader with a criterion it does not score.</exception>
    public EpisodeGrader(EnvironmentSpec spec, ChatModel? judge, IRubricScorer? rubricScorer = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Judge = judge;
        RubricScorer = judge is null ? rubricScorer : null;
        var traced = judge is null ? null : EpisodeParticipants.Judge(judge);
        _graders = [.. spec.Graders.Select(g => (g, Create(g, traced, RubricScorer)))];
        _reward = new RewardFormula(spec.Reward);
    }

    /// <summary>The judge, when one grades.</summary>
    public ChatModel? Judge { get; }

    /// <summary>The scorer of llm_rubric graders, when one grades them instead of a judge.</summary>
    public IRubricScorer? RubricScorer { get; }

    /// <summary>Who scored the rubrics: the judge's identity, else the scorer's, else none.</summary>
    public ModelIdentity? JudgeIdentity => Judge?.Identity ?? RubricScorer?.Identity;

    /// <summary>Every grader's result, the reward and whether it counts as a success.</summary>
    public async Task<(IReadOnlyList<GraderResult> Results, double Reward, bool Success)> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        var results = new List<GraderResult>(_graders.Count);
        foreach (var (spec, grader) in _graders)
        {
            // A grader with tags judges only scenarios that carry one of them; the rest leave it out of their reward.
            results.Add(spec.Tags is { Count: > 0 } tags && !tags.Any(episode.Scenario.Tags.Contains)
                ? new GraderResult(spec.Name, spec.Type, 1, false, $"applies only to scenarios tagged {string.Join(" or ", tags)}")
                : await grader.GradeAsync(episode, cancellationToken).ConfigureAwait(false));
        }

        var (reward, success) = _reward.Compute(results);
        return (results, reward, success);
    }

    private static IGrader Create(GraderSpec spec, ChatModel? judge, IRubricScorer? scorer) => spec.Type switch
    {
        GraderTypes.StateMatch => new StateMatchGrader(spec.Name),
        GraderTypes.Outputs => new OutputsGrader(spec.Name),
        GraderTypes.ToolValidity => new ToolValidityGrader(spec.Name),
        GraderTypes.Containment => new ContainmentGrader(spec.Name),
        GraderTypes.Safety => new SafetyGrader(spec.Name),
        GraderTypes.Contains or GraderTypes.Regex => new TextCheckGrader(spec),
        GraderTypes.LlmRubric when judge is not null => new LlmRubricGrader(spec, judge),
        GraderTypes.LlmRubric when scorer is not null => new RubricScorerGrader(spec, scorer),
        GraderTypes.NlAssertions when judge is not null => new NlAssertionsGrader(spec.Name, judge),
        GraderTypes.LlmRubric or GraderTypes.NlAssertions => new SkippedGrader(spec.Name, spec.Type, "no judge model is configured"),
        _ => throw new ArgumentException($"Unknown grader type '{spec.Type}'.", nameof(spec)),
    };
}
