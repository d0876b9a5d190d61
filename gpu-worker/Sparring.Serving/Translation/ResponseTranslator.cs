using System.Text.Json;
using Microsoft.Extensions.AI;
using Sparring.Serving.Protocol;

namespace Sparring.Serving.Translation;

/// <summary>Maps Microsoft.Extensions.AI responses and updates onto OpenAI's chat.completion and chat.completion.chunk shapes.</summary>
internal static class ResponseTranslator
{
    // Arguments hold whatever a chat client put there (JsonElement, strings, numbers, nested dictionaries).
    private static readonly JsonSerializerOptions ArgumentOptions = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>The chat.completion for <paramref name="response"/>.</summary>
    public static ChatCompletion Completion(ChatResponse response, string id, string model, long created)
    {
        ArgumentNullException.ThrowIfNull(response);
        var calls = PendingCalls(response.Messages).Select(c => ToolCall(c, index: null)).ToList();
        var text = string.Concat(response.Messages.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents).OfType<TextContent>().Select(t => t.Text));
        var message = new ResponseMessage("assistant", text.Length == 0 && calls.Count > 0 ? null : text, calls.Count == 0 ? null : calls);
        return new ChatCompletion(id, "chat.completion", created, model, [new ChatCompletionChoice(0, message, FinishReason(response.FinishReason, calls.Count > 0))], Usage(response.Usage));
    }

    /// <summary>OpenAI's finish_reason: the client's own, except that a turn that calls tools always says tool_calls.</summary>
    public static string FinishReason(ChatFinishReason? reason, bool calledTools) =>
        calledTools && (reason is null || reason == ChatFinishReason.Stop) ? "tool_calls" : reason?.Value ?? "stop";

    /// <summary>Token counts, or null when the client reported none.</summary>
    public static CompletionUsage? Usage(UsageDetails? usage)
    {
        if (usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null && usage.TotalTokenCount is null))
        {
            return null;
        }

        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        return new CompletionUsage(input, output, usage.TotalTokenCount ?? input + output);
    }

    /// <summary>A call in OpenAI's shape; <paramref name="index"/> only for stream chunks.</summary>
    public static ToolCall ToolCall(FunctionCallContent call, int? index)
    {
        ArgumentNullException.ThrowIfNull(call);
        var arguments = call.Arguments is null
            ? "{}"
            : JsonSerializer.Serialize(call.Arguments, ArgumentOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
        var id = string.IsNullOrEmpty(call.CallId) ? $"call_{Guid.NewGuid():N}" : call.CallId;
        return new ToolCall(index, id, "function", new FunctionCall(call.Name, arguments));
    }

    // A client that runs some tools itself (a function-invoking pipeline) leaves calls with results in its response:
    // those are history, only unanswered calls are for the caller.
    private static IEnumerable<FunctionCallContent> PendingCalls(IList<ChatMessage> messages)
    {
        var answered = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.CallId).ToHashSet(StringComparer.Ordinal);
        return messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => !answered.Contains(c.CallId));
    }
}
