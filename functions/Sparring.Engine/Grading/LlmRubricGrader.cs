using System.Text;
using Sparring.Abstractions.Grading;
using Sparring.Engine.Chat;
using Sparring.Engine.Environments;

namespace Sparring.Engine.Grading;

/// <summary>
/// An LLM judge scores each rubric criterion from 1 to 5 through structured JSON output; the score is the mean of
/// (s − 1) / 4. An unreadable verdict makes the grader not applicable, with the reason recorded.
/// </summary>
public sealed class LlmRubricGrader(GraderSpec spec, ChatModel judge) : IGrader
{
    /// <inheritdoc />
    public string Name { get; } = spec.Name;

    /// <inheritdoc />
    public async Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var criteria = spec.Criteria ?? [];
        var (verdict, problem, cost) = await JudgeConversation.AskAsync(judge, Instructions(criteria), episode, JudgeJsonContext.Default.JudgeVerdict, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return new GraderResult(Name, GraderTypes.LlmRubric, 1, false, problem, CostUsd: cost);
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var reasons = new List<string>();
        foreach (var criterion in criteria)
        {
            var score = verdict?.Scores?.FirstOrDefault(s => string.Equals(s.Criterion, criterion.Name, StringComparison.OrdinalIgnoreCase));
            if (score is null || score.Score is < 1 or > 5)
            {
                return new GraderResult(Name, GraderTypes.LlmRubric, 1, false, $"the judge gave no score from 1 to 5 for '{criterion.Name}'", CostUsd: cost);
            }

            scores[criterion.Name] = (score.Score - 1) / 4.0;
            reasons.Add($"{criterion.Name} {score.Score}/5: {score.Reason}");
        }

        return new GraderResult(Name, GraderTypes.LlmRubric, scores.Values.Average(), true, string.Join("; ", reasons), scores, cost);
    }

    private static string Instructions(IReadOnlyList<RubricCriterion> criteria)
    {
        var text = new StringBuilder();
        text.AppendLine("You are a strict quality reviewer of customer-support conversations between an AI agent and a customer.");
        text.AppendLine("Score the AGENT on each criterion from 1 (very poor) to 5 (excellent), with a one-sentence reason.");
        text.AppendLine("Criteria:");
        foreach (var criterion in criteria)
        {
            text.AppendLine($"- {criterion.Name}: {criterion.Description}");
        }

        text.AppendLine("Answer only with JSON: {\"scores\": [{\"criterion\": \"<name>\", \"score\": <1-5>, \"reason\": \"<why>\"}]}");
        return text.ToString();
    }
}
