using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Sparring.Abstractions.Grading;
using Sparring.Abstractions.Trajectories;
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
        if (spec.Tags is { Count: > 0 } tags && !tags.Any(episode.Scenario.Tags.Contains))
        {
            return new GraderResult(Name, GraderTypes.LlmRubric, 1, false, $"applies only to scenarios tagged {string.Join(" or ", tags)}");
        }

        var criteria = spec.Criteria ?? [];
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Instructions(criteria)),
            new(ChatRole.User, Transcript(episode)),
        };
        var options = new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.ForJsonSchema<JudgeVerdict>(JudgeJsonContext.Default.Options) };
        var response = await judge.Client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var tokens = new TokenCount(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
        var cost = judge.Pricing.CostOf(tokens);

        JudgeVerdict? verdict;
        try
        {
            verdict = JsonSerializer.Deserialize(StripFences(response.Text), JudgeJsonContext.Default.JudgeVerdict);
        }
        catch (JsonException ex)
        {
            return new GraderResult(Name, GraderTypes.LlmRubric, 1, false, $"the judge's answer is not the requested JSON: {ex.Message}", CostUsd: cost);
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

    private static string Transcript(GradingContext episode)
    {
        var text = new StringBuilder();
        text.AppendLine($"Customer's reason for contacting: {episode.Scenario.Persona.ReasonForCall}");
        text.AppendLine("Conversation:");
        foreach (var message in episode.Messages.Where(m => m.Role != "system"))
        {
            var line = message switch
            {
                { Role: "tool" } => $"[tool {message.Name} returned] {message.Content}",
                { ToolCalls: { Count: > 0 } calls } => $"[agent calls] {string.Join("; ", calls.Select(c => $"{c.Function.Name}({c.Function.Arguments})"))}" + (message.Content is { } said ? $"\nAGENT: {said}" : string.Empty),
                { Role: "assistant" } => $"AGENT: {message.Content}",
                _ => $"CUSTOMER: {message.Content}",
            };
            text.AppendLine(line);
        }

        return text.ToString();
    }

    private static string StripFences(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var start = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return start > 0 && end > start ? trimmed[(start + 1)..end] : trimmed;
    }
}
