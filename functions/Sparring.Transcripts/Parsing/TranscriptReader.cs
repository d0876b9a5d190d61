using System.Text;
using System.Text.Json;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Transcripts.Parsing;

/// <summary>
/// Reads transcripts. Chat JSONL (.jsonl): one conversation a line, {"messages": [...]} with OpenAI chat messages
/// (role system/user/assistant/tool, content a string, null or text parts, tool_calls and tool_call_id kept).
/// Text (.txt and anything else): a turn starts with "Agent:", "Assistant:", "Customer:" or "User:" (any case) and
/// runs until the next turn; lines without a prefix continue the turn; blank lines are ignored; a line of "---"
/// separates conversations, and a file without one is one conversation. Errors name file:line and the JSON path.
/// </summary>
public static class TranscriptReader
{
    /// <summary>The format of <paramref name="path"/> by its extension: .jsonl is chat JSONL, anything else text.</summary>
    public static TranscriptFormat FormatOf(string path) =>
        string.Equals(Path.GetExtension(path), ".jsonl", StringComparison.OrdinalIgnoreCase) ? TranscriptFormat.ChatJsonl : TranscriptFormat.Text;

    /// <summary>Reads every conversation of a file.</summary>
    /// <exception cref="TranscriptFormatException">The file is not in its format; the message says where.</exception>
    public static async Task<IReadOnlyList<Transcript>> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Read(text, Path.GetFileName(path), FormatOf(path));
    }

    /// <summary>Reads every conversation of <paramref name="content"/>, named <paramref name="source"/> in errors and records.</summary>
    /// <exception cref="TranscriptFormatException">The content is not in the format; the message says where.</exception>
    public static IReadOnlyList<Transcript> Read(string content, string source, TranscriptFormat format)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(source);
        return format == TranscriptFormat.ChatJsonl ? ReadJsonl(content, source) : ReadText(content, source);
    }

    private static List<Transcript> ReadJsonl(string content, string source)
    {
        var transcripts = new List<Transcript>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                var column = ex.BytePositionInLine is { } position ? $" (column {position + 1})" : string.Empty;
                throw new TranscriptFormatException(source, i + 1, ex.Path ?? "$", $"not valid JSON{column}: {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}");
            }

            using (document)
            {
                transcripts.Add(Transcript.Create(source, i + 1, Conversation(document.RootElement, source, i + 1)));
            }
        }

        return transcripts;
    }

    private static List<TranscriptTurn> Conversation(JsonElement root, string source, int line)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new TranscriptFormatException(source, line, "$", $"must be an object with \"messages\", not {Kind(root)}");
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            throw new TranscriptFormatException(source, line, "$.messages", "must be an array of chat messages");
        }

        var turns = new List<TranscriptTurn>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            turns.Add(Turn(message, source, line, $"$.messages[{index}]"));
            index++;
        }

        if (!turns.Any(t => t.Role == TranscriptRole.Customer))
        {
            throw new TranscriptFormatException(source, line, "$.messages", "has no user (customer) message");
        }

        return turns;
    }

    private static TranscriptTurn Turn(JsonElement message, string source, int line, string path)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new TranscriptFormatException(source, line, path, $"must be a message object, not {Kind(message)}");
        }

        var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String
            ? r.GetString() switch
            {
                "system" or "developer" => TranscriptRole.System,
                "user" => TranscriptRole.Customer,
                "assistant" => TranscriptRole.Agent,
                "tool" => TranscriptRole.Tool,
                var other => throw new TranscriptFormatException(source, line, path + ".role", $"'{other}' is not a role: use system, user, assistant or tool"),
            }
            : throw new TranscriptFormatException(source, line, path + ".role", "is required: system, user, assistant or tool");

        var text = message.TryGetProperty("content", out var content) ? Content(content, source, line, path + ".content") : string.Empty;
        IReadOnlyList<ToolCallMessage>? calls = null;
        if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind != JsonValueKind.Null)
        {
            calls = ToolCalls(toolCalls, source, line, path + ".tool_calls");
        }

        var callId = message.TryGetProperty("tool_call_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (role == TranscriptRole.Customer && text.Length == 0)
        {
            throw new TranscriptFormatException(source, line, path + ".content", "a user message needs text");
        }

        return new TranscriptTurn(role, text, calls, callId);
    }

    private static string Content(JsonElement content, string source, int line, string path)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return string.Empty;
            case JsonValueKind.String:
                return content.GetString()!.Trim();
            case JsonValueKind.Array:
                var text = new StringBuilder();
                var index = 0;
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
                    {
                        throw new TranscriptFormatException(source, line, $"{path}[{index}]", "a content part must be an object with a \"text\" string");
                    }

                    text.Append(partText.GetString());
                    index++;
                }

                return text.ToString().Trim();
            default:
                throw new TranscriptFormatException(source, line, path, $"must be a string, null or an array of text parts, not {Kind(content)}");
        }
    }

    private static List<ToolCallMessage> ToolCalls(JsonElement toolCalls, string source, int line, string path)
    {
        if (toolCalls.ValueKind != JsonValueKind.Array)
        {
            throw new TranscriptFormatException(source, line, path, $"must be an array, not {Kind(toolCalls)}");
        }

        var calls = new List<ToolCallMessage>();
        var index = 0;
        foreach (var call in toolCalls.EnumerateArray())
        {
            var at = $"{path}[{index}]";
            if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                throw new TranscriptFormatException(source, line, at + ".function", "is required: an object with name and arguments");
            }

            var name = function.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()!
                : throw new TranscriptFormatException(source, line, at + ".function.name", "is required: the tool's name");
            var arguments = function.TryGetProperty("arguments", out var a)
                ? a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText()
                : "{}";
            var id = call.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : $"call_{index + 1}";
            calls.Add(new ToolCallMessage(id, "function", new FunctionCallMessage(name, arguments)));
            index++;
        }

        return calls;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static List<Transcript> ReadText(string content, string source)
    {
        var transcripts = new List<Transcript>();
        var turns = new List<(TranscriptRole Role, StringBuilder Text)>();
        var start = 0;
        var lines = content.Split('\n');

        void Close(int separatorLine)
        {
            if (turns.Count == 0)
            {
                return;
            }

            if (!turns.Any(t => t.Role == TranscriptRole.Customer))
            {
                throw new TranscriptFormatException(source, start, null, $"the conversation ending at line {separatorLine} has no Customer: turn");
            }

            transcripts.Add(Transcript.Create(source, start, [.. turns.Select(t => new TranscriptTurn(t.Role, t.Text.ToString().Trim()))]));
            turns.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed == "---")
            {
                Close(i + 1);
                continue;
            }

            if (Speaker(trimmed) is { } speaker)
            {
                if (turns.Count == 0)
                {
                    start = i + 1;
                }

                var text = trimmed[(trimmed.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                if (text.Length == 0)
                {
                    throw new TranscriptFormatException(source, i + 1, null, $"the {speaker.ToString().ToLowerInvariant()} turn has no text after the colon");
                }

                turns.Add((speaker, new StringBuilder(text)));
            }
            else if (turns.Count > 0)
            {
                turns[^1].Text.Append('\n').Append(trimmed);
            }
            else
            {
                throw new TranscriptFormatException(source, i + 1, null, "expected a turn starting with Agent:, Assistant:, Customer: or User:");
            }
        }

        Close(lines.Length);
        return transcripts;
    }

    private static TranscriptRole? Speaker(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : line[..colon].Trim().ToLowerInvariant() switch
        {
            "agent" or "assistant" => TranscriptRole.Agent,
            "customer" or "user" => TranscriptRole.Customer,
            _ => null,
        };
    }
}
