using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Training.Tokenization;

/// <summary>Renders conversations to token ids with an assistant mask, renders generation prompts, and parses generated turns.</summary>
/// <remarks>
/// Layout (docs/tokenizer.md): <c>&lt;|bos|&gt;</c>, an optional <c>&lt;|tools|&gt;</c> block of one JSON declaration
/// a line, then each message as its role header, its text and <c>&lt;|end|&gt;</c>. An assistant message writes its
/// text, then each call as <c>&lt;|tool_call|&gt;{"name":…,"arguments":{…}}</c>, then <c>&lt;|end|&gt;</c>. Message
/// texts are encoded separately, so rendering a prefix of a conversation gives a prefix of the ids.
/// </remarks>
public sealed class ChatTemplate
{
    // Readable JSON (no \u escapes for quotes, accents or '<'): fewer tokens, and the model sees the text it will write.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };

    private readonly Tokenizer _tokenizer;

    /// <summary>A template over the given tokenizer.</summary>
    public ChatTemplate(Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
    }

    /// <summary>The tokenizer the template encodes with.</summary>
    public Tokenizer Tokenizer => _tokenizer;

    /// <summary>Whether a generated token ends the assistant's turn: every special token except the tool-call opener.</summary>
    public static bool IsStopToken(int id) => SpecialTokens.IsSpecial(id) && id != SpecialTokens.ToolCall;

    /// <summary>Renders a whole conversation for training, with the mask of the assistant's tokens.</summary>
    /// <exception cref="ArgumentException">A message has a role other than system, user, assistant or tool.</exception>
    public RenderedConversation Render(IReadOnlyList<ChatMessageRecord> messages, IReadOnlyList<ToolDeclaration>? tools = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ids = new List<int>(1024);
        var mask = new List<bool>(1024);
        var spans = new List<RenderedMessage>(messages.Count);
        Add(ids, mask, SpecialTokens.Bos, false);
        if (tools is { Count: > 0 })
        {
            Add(ids, mask, SpecialTokens.Tools, false);
            Encode(ToolsText(tools), ids, mask, false);
            Add(ids, mask, SpecialTokens.End, false);
        }

        for (var index = 0; index < messages.Count; index++)
        {
            var message = messages[index] ?? throw new ArgumentException($"Message {index} is null.", nameof(messages));
            var header = HeaderOf(message.Role, index);
            var assistant = header == SpecialTokens.Assistant;
            var headerIndex = ids.Count;
            Add(ids, mask, header, false);
            Encode(message.Content ?? string.Empty, ids, mask, assistant);
            if (assistant)
            {
                foreach (var call in message.ToolCalls ?? [])
                {
                    Add(ids, mask, SpecialTokens.ToolCall, true);
                    Encode(CallText(call.Function), ids, mask, true);
                }
            }

            Add(ids, mask, SpecialTokens.End, assistant);
            spans.Add(new RenderedMessage(index, message.Role, headerIndex, headerIndex + 1, ids.Count));
        }

        return new RenderedConversation(ids, mask, spans);
    }

    /// <summary>Renders a conversation so far and the assistant header: the prompt to generate the next assistant turn from.</summary>
    public int[] RenderPrompt(IReadOnlyList<ChatMessageRecord> messages, IReadOnlyList<ToolDeclaration>? tools = null) =>
        [.. Render(messages, tools).Ids, SpecialTokens.Assistant];

    /// <summary>Reads a generated assistant turn (the ids after the assistant header) into text and tool calls.</summary>
    /// <remarks>
    /// Never throws for what a model can generate: a malformed, interrupted or unterminated call becomes an invalid
    /// <see cref="ParsedToolCall"/>. Parsing stops at <c>&lt;|end|&gt;</c> or at any other special token but the
    /// tool-call opener; what follows is ignored. An id outside the vocabulary reads as U+FFFD.
    /// </remarks>
    public ParsedAssistantTurn Parse(ReadOnlySpan<int> generated)
    {
        var position = 0;
        var text = ReadText(generated, ref position);
        var calls = new List<ParsedToolCall>();
        var terminated = false;
        while (position < generated.Length)
        {
            var id = generated[position];
            if (id == SpecialTokens.End)
            {
                terminated = true;
                break;
            }

            if (id != SpecialTokens.ToolCall)
            {
                break;
            }

            position++;
            var raw = ReadText(generated, ref position);
            if (position == generated.Length)
            {
                calls.Add(ParsedToolCall.Invalid(raw, "unterminated: the turn ended before <|end|>", ParseCall(raw).Name));
                break;
            }

            var next = generated[position];
            if (next is not (SpecialTokens.End or SpecialTokens.ToolCall))
            {
                calls.Add(ParsedToolCall.Invalid(raw, "interrupted by " + SpecialTokens.TextOf(next), ParseCall(raw).Name));
                break;
            }

            calls.Add(ParseCall(raw));
        }

        return new ParsedAssistantTurn(text, calls, terminated);
    }

    /// <summary>The plain texts a conversation renders (tool block, message texts, call JSON): what to train the tokenizer on.</summary>
    public static IEnumerable<string> TextsOf(IReadOnlyList<ChatMessageRecord> messages, IReadOnlyList<ToolDeclaration>? tools = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (tools is { Count: > 0 })
        {
            yield return ToolsText(tools);
        }

        foreach (var message in messages)
        {
            if (!string.IsNullOrEmpty(message.Content))
            {
                yield return message.Content;
            }

            foreach (var call in message.ToolCalls ?? [])
            {
                yield return CallText(call.Function);
            }
        }
    }

    /// <summary>Reads one call's JSON: an object with exactly a non-empty string <c>name</c> and an object <c>arguments</c>.</summary>
    public static ParsedToolCall ParseCall(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw);
        }
        catch (JsonException exception)
        {
            return ParsedToolCall.Invalid(raw, "not valid JSON: " + exception.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ParsedToolCall.Invalid(raw, $"a tool call must be a JSON object, not {root.ValueKind}");
            }

            JsonElement? name = null;
            JsonElement? arguments = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "name" when name is null:
                        name = property.Value;
                        break;
                    case "arguments" when arguments is null:
                        arguments = property.Value;
                        break;
                    case "name" or "arguments":
                        return ParsedToolCall.Invalid(raw, $"property \"{property.Name}\" appears twice");
                    default:
                        return ParsedToolCall.Invalid(raw, $"unexpected property \"{property.Name}\": a call has only name and arguments");
                }
            }

            if (name is not { ValueKind: JsonValueKind.String } || name.Value.GetString() is not { Length: > 0 } toolName)
            {
                return ParsedToolCall.Invalid(raw, "a tool call needs a non-empty string \"name\"");
            }

            if (arguments is null)
            {
                return ParsedToolCall.Invalid(raw, "a tool call needs \"arguments\"", toolName);
            }

            if (arguments.Value.ValueKind != JsonValueKind.Object)
            {
                return ParsedToolCall.Invalid(raw, $"\"arguments\" must be a JSON object, not {arguments.Value.ValueKind}", toolName);
            }

            return ParsedToolCall.Valid(toolName, arguments.Value.GetRawText(), raw);
        }
    }

    private static string CallText(FunctionCallMessage function)
    {
        // The arguments go in verbatim, so that parsing gives back exactly the string the trajectory recorded.
        var arguments = string.IsNullOrWhiteSpace(function.Arguments) ? "{}" : function.Arguments;
        return "{\"name\":\"" + JsonEncodedText.Encode(function.Name, Encoder).Value + "\",\"arguments\":" + arguments + "}";
    }

    private static string ToolsText(IReadOnlyList<ToolDeclaration> tools)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var lines = new StringBuilder();
        foreach (var tool in tools)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("name", tool.Name);
                writer.WriteString("description", tool.Description);
                if (tool.Parameters is { } parameters)
                {
                    writer.WritePropertyName("parameters");
                    parameters.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            if (lines.Length > 0)
            {
                lines.Append('\n');
            }

            lines.Append(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        return lines.ToString();
    }

    private static int HeaderOf(string role, int index) => role switch
    {
        "system" => SpecialTokens.System,
        "user" => SpecialTokens.User,
        "assistant" => SpecialTokens.Assistant,
        "tool" => SpecialTokens.Tool,
        _ => throw new ArgumentException($"Message {index} has role \"{role}\"; the template knows system, user, assistant and tool.", "messages"),
    };

    private static void Add(List<int> ids, List<bool> mask, int id, bool assistant)
    {
        ids.Add(id);
        mask.Add(assistant);
    }

    private void Encode(string text, List<int> ids, List<bool> mask, bool assistant)
    {
        var start = ids.Count;
        _tokenizer.EncodeTo(text, ids);
        for (var i = start; i < ids.Count; i++)
        {
            mask.Add(assistant);
        }
    }

    private string ReadText(ReadOnlySpan<int> generated, ref int position)
    {
        var bytes = new List<byte>();
        for (; position < generated.Length && !SpecialTokens.IsSpecial(generated[position]); position++)
        {
            var id = generated[position];

            // A model whose output layer is wider than the vocabulary can sample an id with no token: read it as U+FFFD.
            bytes.AddRange(id >= 0 && id < _tokenizer.VocabularySize ? _tokenizer.BytesOf(id) : "\uFFFD"u8);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
