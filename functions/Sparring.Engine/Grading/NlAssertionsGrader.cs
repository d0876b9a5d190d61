using System.Text;
using Sparring.Abstractions.Grading;
using Sparring.Engine.Chat;

namespace Sparring.Engine.Grading;

/// <summary>
/// An LLM judge decides, for each of the scenario's natural-language assertions, whether the conversation meets it
/// (τ²-bench's NL_ASSERTION); the score is the share met. Not applicable without assertions or with an unreadable verdict.
/// </summary>
public sealed class NlAssertionsGrader(string name, ChatModel judge) : IGrader
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public async Task<GraderResult> GradeAsync(GradingContext episode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var assertions = episode.Scenario.Expected.Assertions;
        if (assertions.Count == 0)
        {
            return new GraderResult(Name, GraderTypes.NlAssertions, 1, false, "the scenario has no assertions");
        }

        var (verdict, problem, cost) = await JudgeConversation.AskAsync(judge, Instructions(assertions), episode, JudgeJsonContext.Default.AssertionVerdict, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return new GraderResult(Name, GraderTypes.NlAssertions, 1, false, problem, CostUsd: cost);
        }

        var results = new Dictionary<string, double>(StringComparer.Ordinal);
        var unmet = new List<string>();
        for (var i = 0; i < assertions.Count; i++)
        {
            var judged = verdict?.Assertions?.FirstOrDefault(a => a.Index == i + 1);
            if (judged is null)
            {
                return new GraderResult(Name, GraderTypes.NlAssertions, 1, false, $"the judge gave no verdict on assertion {i + 1}", CostUsd: cost);
            }

            results[$"assertion {i + 1}"] = judged.Met ? 1 : 0;
            if (!judged.Met)
            {
                unmet.Add($"'{assertions[i]}' ({judged.Reason})");
            }
        }

        var score = results.Values.Average();
        var reason = unmet.Count == 0 ? $"all {assertions.Count} assertions are met" : $"not met: {string.Join("; ", unmet)}";
        return new GraderResult(Name, GraderTypes.NlAssertions, score, true, reason, results, cost);
    }

    private static string Instructions(IReadOnlyList<string> assertions)
    {
        var text = new StringBuilder();
        text.AppendLine("You check customer-support conversations between an AI agent and a customer against assertions.");
        text.AppendLine("For each numbered assertion, decide from the conversation alone whether it is met, with a one-sentence reason.");
        for (var i = 0; i < assertions.Count; i++)
        {
            text.AppendLine($"{i + 1}. {assertions[i]}");
        }

        text.AppendLine("Answer only with JSON: {\"assertions\": [{\"index\": <number>, \"met\": <true|false>, \"reason\": \"<why>\"}]}");
        return text.ToString();
    }
}
