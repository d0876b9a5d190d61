using System.Globalization;
using Sparring.Abstractions.Grading;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Grading;

/// <summary>
/// An llm_rubric grader scored by an <see cref="IRubricScorer"/> instead of the judge: the same per-criterion scores in
/// [0, 1] and the same score (their mean), at no model cost; the reason names the scorer.
/// </summary>
public sealed class RubricScorerGrader : IGrader
{
    private readonly IReadOnlyList<RubricCriterion> _criteria;
    private readonly IRubricScorer _scorer;

    /// <summary>A grader for <paramref name="spec"/>, whose criteria the scorer must all score.</summary>
    /// <exception cref="ArgumentException">The scorer does not score one of the rubric's criteria.</exception>
    public RubricScorerGrader(GraderSpec spec, IRubricScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scorer);
        Name = spec.Name;
        _criteria = spec.Criteria ?? [];
        _scorer = scorer;
        var missing = Missing(spec, scorer);
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"grader '{spec.Name}' needs criteria the rubric scorer {scorer.Identity} does not score: {string.Join(", ", missing)} (it scores {string.Join(", ", scorer.Criteria)})",
                nameof(scorer));
        }
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The criteria of <paramref name="spec"/> that <paramref name="scorer"/> does not score.</summary>
    public static IReadOnlyList<string> Missing(GraderSpec spec, IRubricScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scorer);
        return [.. (spec.Criteria ?? []).Select(c => c.Name).Where(name => !scorer.Criteria.Contains(name, StringComparer.OrdinalIgnoreCase))];
    }

    /// <inheritdoc />
    public async Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        if (_criteria.Count == 0)
        {
            return new GraderResult(Name, GraderTypes.LlmRubric, 1, false, "the rubric has no criteria");
        }

        var scored = await _scorer.ScoreAsync(episode.Messages, cancellationToken).ConfigureAwait(false);
        var byName = new Dictionary<string, double>(scored, StringComparer.OrdinalIgnoreCase);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var criterion in _criteria)
        {
            scores[criterion.Name] = byName.TryGetValue(criterion.Name, out var score) && double.IsFinite(score)
                ? Math.Clamp(score, 0, 1)
                : throw new InvalidOperationException($"the rubric scorer {_scorer.Identity} returned no score for '{criterion.Name}'");
        }

        var reason = $"scored by the reward model {_scorer.Identity}, not the judge: "
            + string.Join("; ", scores.Select(s => $"{s.Key} {s.Value.ToString("0.00", CultureInfo.InvariantCulture)}"));
        return new GraderResult(Name, GraderTypes.LlmRubric, scores.Values.Average(), true, reason, scores);
    }
}
