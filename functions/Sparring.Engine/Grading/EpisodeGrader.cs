using Sparring.Abstractions.Grading;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Grading;

/// <summary>Runs an environment's graders on an episode and applies its reward formula.</summary>
public sealed class EpisodeGrader
{
    private readonly IReadOnlyList<(GraderSpec Spec, IGrader Grader)> _graders;
    private readonly RewardFormula _reward;

    /// <summary>Builds the graders of <paramref name="spec"/>; without a judge, llm_rubric graders are skipped and say so.</summary>
    public EpisodeGrader(EnvironmentSpec spec, ChatModel? judge)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Judge = judge;
        _graders = [.. spec.Graders.Select(g => (g, Create(g, judge)))];
        _reward = new RewardFormula(spec.Reward);
    }

    /// <summary>The judge, when one grades.</summary>
    public ChatModel? Judge { get; }

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

    private static IGrader Create(GraderSpec spec, ChatModel? judge) => spec.Type switch
    {
        GraderTypes.StateMatch => new StateMatchGrader(spec.Name),
        GraderTypes.Outputs => new OutputsGrader(spec.Name),
        GraderTypes.ToolValidity => new ToolValidityGrader(spec.Name),
        GraderTypes.Containment => new ContainmentGrader(spec.Name),
        GraderTypes.Safety => new SafetyGrader(spec.Name),
        GraderTypes.Contains or GraderTypes.Regex => new TextCheckGrader(spec),
        GraderTypes.LlmRubric when judge is not null => new LlmRubricGrader(spec, judge),
        GraderTypes.NlAssertions when judge is not null => new NlAssertionsGrader(spec.Name, judge),
        GraderTypes.LlmRubric or GraderTypes.NlAssertions => new SkippedGrader(spec.Name, spec.Type, "no judge model is configured"),
        _ => throw new ArgumentException($"Unknown grader type '{spec.Type}'.", nameof(spec)),
    };
}
