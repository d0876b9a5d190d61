using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Sparring.Engine.Chat;

namespace Sparring.Engine.Grading;

/// <summary>What LLM judges share: the transcript they read and one structured-output call with its cost.</summary>
internal static class JudgeConversation
{
    /// <summary>The episode as a judge reads it: the customer's reason, then each message, tool calls included.</summary>
    public static string Transcript(GradingContext episode)
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

    /// <summary>Asks the judge for a <typeparamref name="T"/>; the verdict is null (with the reason) when unreadable.</summary>
    public static async Task<(T? Verdict, string? Problem, decimal Cost)> AskAsync<T>(ChatModel judge, string instructions, GradingContext episode, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, instructions), new(ChatRole.User, Transcript(episode)) };
        var options = new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.ForJsonSchema<T>(type.Options) };

        // The judge's client is traced and counted by its middleware (EpisodeParticipants.Judge); the cost is this grader's.
        var response = await judge.Client.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var cost = judge.Pricing.CostOf(ResponseUsage.Tokens(response));
        try
        {
            return (JsonSerializer.Deserialize(StripFences(response.Text), type), null, cost);
        }
        catch (JsonException ex)
        {
            return (null, $"the judge's answer is not the requested JSON: {ex.Message}", cost);
        }
    }

    // Some models wrap JSON in a markdown fence even when asked for JSON only.
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
