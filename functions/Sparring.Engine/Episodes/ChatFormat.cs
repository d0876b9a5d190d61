using System.Text.Json;
using Microsoft.Extensions.AI;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Engine.Episodes;

/// <summary>Converts Microsoft.Extensions.AI messages to the OpenAI chat format trajectories store.</summary>
public static class ChatFormat
{
    // AIJsonUtilities.DefaultOptions indents; stored arguments are compact, as the OpenAI API sends them.
    private static readonly JsonSerializerOptions CompactOptions = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>The messages in OpenAI format; a tool message per function result.</summary>
    public static IReadOnlyList<ChatMessageRecord> ToRecords(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var records = new List<ChatMessageRecord>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Tool)
            {
                foreach (var result in message.Contents.OfType<FunctionResultContent>())
                {
                    records.Add(new ChatMessageRecord
                    {
                        Role = "tool",
                        Content = result.Result?.ToString() ?? string.Empty,
                        ToolCallId = result.CallId,
                        Name = names.GetValueOrDefault(result.CallId),
                    });
                }

                continue;
            }

            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            foreach (var call in calls)
            {
                names[call.CallId] = call.Name;
            }

            var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
            records.Add(new ChatMessageRecord
            {
                Role = message.Role.Value,
                Content = text.Length == 0 && calls.Count > 0 ? null : text,
                ToolCalls = calls.Count == 0 ? null : [.. calls.Select(c => new ToolCallMessage(c.CallId, "function", new FunctionCallMessage(c.Name, ArgumentsJson(c))))],
            });
        }

        return records;
    }

    /// <summary>A call's arguments as compact JSON text.</summary>
    public static string ArgumentsJson(FunctionCallContent call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return call.Arguments is null
            ? "{}"
            : JsonSerializer.Serialize(call.Arguments, CompactOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
    }
}
