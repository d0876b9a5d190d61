using System.Text.Json;
using Microsoft.Extensions.AI;
using Sparring.Serving.Errors;
using Sparring.Serving.Protocol;

namespace Sparring.Serving.Translation;

/// <summary>
/// Validates an OpenAI chat request and maps it onto Microsoft.Extensions.AI: messages with function calls and
/// results, and <see cref="ChatOptions"/> with tools as declarations only (the server never runs a tool).
/// Every refusal names the field at fault as a JSON path.
/// </summary>
internal static class RequestTranslator
{
    private const int MaxStopSequences = 4;

    // A tool declared without parameters takes none.
    private static readonly JsonElement EmptyParameters = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    /// <summary>The request as messages and options, or an <see cref="ApiErrorException"/> naming the first mistake.</summary>
    public static TranslatedRequest Translate(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw ApiErrorException.Missing("model");
        }

        RefuseUnsupported(request);
        var tools = Tools(request.Tools);
        var options = new ChatOptions
        {
            Temperature = InRange(request.Temperature, "temperature", 0, 2),
            TopP = InRange(request.TopP, "top_p", 0, 1),
            PresencePenalty = InRange(request.PresencePenalty, "presence_penalty", -2, 2),
            FrequencyPenalty = InRange(request.FrequencyPenalty, "frequency_penalty", -2, 2),
            MaxOutputTokens = Positive(request.MaxCompletionTokens, "max_completion_tokens") ?? Positive(request.MaxTokens, "max_tokens"),
            Seed = request.Seed,
            StopSequences = Stop(request.Stop),
            Tools = tools.Count == 0 ? null : [.. tools],
            ToolMode = ToolMode(request.ToolChoice, tools),
            AllowMultipleToolCalls = request.ParallelToolCalls,
            ResponseFormat = ResponseFormat(request.ResponseFormat),
        };

        var stream = request.Stream ?? false;
        return new TranslatedRequest(request.Model, Messages(request.Messages), options, stream, stream && request.StreamOptions?.IncludeUsage == true);
    }

    private static void RefuseUnsupported(ChatCompletionRequest request)
    {
        if (request.N is { } n && n != 1)
        {
            throw n < 1
                ? ApiErrorException.Invalid("n", $"n must be at least 1, not {n}.")
                : ApiErrorException.Unsupported("n", $"n={n} is not supported: this server returns exactly one choice (n=1).");
        }

        if (request.Logprobs == true || request.TopLogprobs is not null)
        {
            throw ApiErrorException.Unsupported(request.Logprobs == true ? "logprobs" : "top_logprobs", "Log probabilities are not supported by this server.");
        }

        // An empty bias changes nothing, and some clients send one.
        if (IsPresent(request.LogitBias) && (request.LogitBias!.Value.ValueKind != JsonValueKind.Object || request.LogitBias.Value.EnumerateObject().Any()))
        {
            throw ApiErrorException.Unsupported("logit_bias", "logit_bias is not supported by this server.");
        }

        if (IsPresent(request.Audio))
        {
            throw ApiErrorException.Unsupported("audio", "Audio output is not supported: this server serves text only.");
        }

        if (request.Modalities is { } modalities && modalities.Any(m => m != "text"))
        {
            throw ApiErrorException.Unsupported("modalities", "Only the text modality is supported.");
        }

        if (IsPresent(request.Prediction))
        {
            throw ApiErrorException.Unsupported("prediction", "Predicted outputs are not supported by this server.");
        }
    }

    private static List<ChatMessage> Messages(List<RequestMessage?>? messages)
    {
        if (messages is null)
        {
            throw ApiErrorException.Missing("messages");
        }

        if (messages.Count == 0)
        {
            throw ApiErrorException.Invalid("messages", "messages must contain at least one message.");
        }

        var result = new List<ChatMessage>(messages.Count);
        var openCalls = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            var path = $"messages[{i}]";
            var message = messages[i] ?? throw ApiErrorException.Invalid(path, $"{path} must be an object, not null.");
            var chat = message.Role switch
            {
                null => throw ApiErrorException.Missing($"{path}.role"),
                "system" or "developer" => new ChatMessage(ChatRole.System, Text(message.Content, $"{path}.content", required: true)),
                "user" => new ChatMessage(ChatRole.User, Text(message.Content, $"{path}.content", required: true)),
                "assistant" => Assistant(message, path, openCalls),
                "tool" => ToolResult(message, path, openCalls),
                var role => throw ApiErrorException.Invalid($"{path}.role", $"{path}.role must be one of system, developer, user, assistant, tool; not '{role}'."),
            };
            chat.AuthorName = message.Name;
            result.Add(chat);
        }

        return result;
    }

    private static ChatMessage Assistant(RequestMessage message, string path, HashSet<string> openCalls)
    {
        var contents = Text(message.Content, $"{path}.content", required: false);
        var calls = message.ToolCalls ?? [];
        for (var j = 0; j < calls.Count; j++)
        {
            var call = Call(calls[j], $"{path}.tool_calls[{j}]");
            openCalls.Add(call.CallId);
            contents.Add(call);
        }

        if (contents.Count == 0 && !IsPresent(message.Content))
        {
            throw ApiErrorException.Invalid($"{path}.content", $"{path} needs content or tool_calls.");
        }

        return new ChatMessage(ChatRole.Assistant, contents);
    }

    private static FunctionCallContent Call(ToolCall? call, string path)
    {
        if (call is null)
        {
            throw ApiErrorException.Invalid(path, $"{path} must be an object, not null.");
        }

        if (string.IsNullOrEmpty(call.Id))
        {
            throw ApiErrorException.Missing($"{path}.id");
        }

        if (call.Type is not (null or "function"))
        {
            throw ApiErrorException.Invalid($"{path}.type", $"{path}.type must be 'function', not '{call.Type}'.");
        }

        var function = call.Function ?? throw ApiErrorException.Missing($"{path}.function");
        if (string.IsNullOrEmpty(function.Name))
        {
            throw ApiErrorException.Missing($"{path}.function.name");
        }

        var arguments = function.Arguments ?? throw ApiErrorException.Missing($"{path}.function.arguments");
        return new FunctionCallContent(call.Id, function.Name, Arguments(arguments, $"{path}.function.arguments"));
    }

    private static Dictionary<string, object?> Arguments(string text, string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw ApiErrorException.Invalid(path, $"{path} is not valid JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrorException.Invalid(path, $"{path} must be a JSON object encoded as a string, not a {root.ValueKind.ToString().ToLowerInvariant()}.");
        }

        return root.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal);
    }

    private static ChatMessage ToolResult(RequestMessage message, string path, HashSet<string> openCalls)
    {
        if (string.IsNullOrEmpty(message.ToolCallId))
        {
            throw ApiErrorException.Missing($"{path}.tool_call_id");
        }

        if (!openCalls.Contains(message.ToolCallId))
        {
            throw ApiErrorException.Invalid($"{path}.tool_call_id", $"{path}.tool_call_id '{message.ToolCallId}' answers no tool call of an earlier assistant message.");
        }

        var text = string.Concat(Text(message.Content, $"{path}.content", required: true).OfType<TextContent>().Select(t => t.Text));
        return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(message.ToolCallId, text)]);
    }

    // Content is a string or an array of text parts; other parts (images, audio, files) are not served.
    private static List<AIContent> Text(JsonElement? content, string path, bool required)
    {
        if (!IsPresent(content))
        {
            return required ? throw ApiErrorException.Missing(path) : [];
        }

        var value = content!.Value;
        if (value.ValueKind == JsonValueKind.String)
        {
            return [new TextContent(value.GetString())];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiErrorException.Invalid(path, $"{path} must be a string or an array of text parts.");
        }

        var parts = new List<AIContent>();
        var k = 0;
        foreach (var part in value.EnumerateArray())
        {
            var partPath = $"{path}[{k++}]";
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                throw ApiErrorException.Invalid(partPath, $"{partPath} must be an object with a type.");
            }

            if (type.GetString() != "text")
            {
                throw ApiErrorException.Unsupported($"{partPath}.type", $"{partPath}.type '{type.GetString()}' is not supported: this server serves text only.");
            }

            if (!part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw ApiErrorException.Missing($"{partPath}.text");
            }

            parts.Add(new TextContent(text.GetString()));
        }

        return parts;
    }

    private static List<AIFunctionDeclaration> Tools(List<ToolDefinition?>? tools)
    {
        var declarations = new List<AIFunctionDeclaration>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 0; k < (tools?.Count ?? 0); k++)
        {
            var path = $"tools[{k}]";
            var tool = tools![k] ?? throw ApiErrorException.Invalid(path, $"{path} must be an object, not null.");
            if (tool.Type is not (null or "function"))
            {
                throw ApiErrorException.Unsupported($"{path}.type", $"{path}.type '{tool.Type}' is not supported: only function tools are.");
            }

            var function = tool.Function ?? throw ApiErrorException.Missing($"{path}.function");
            if (string.IsNullOrEmpty(function.Name))
            {
                throw ApiErrorException.Missing($"{path}.function.name");
            }

            if (!names.Add(function.Name))
            {
                throw ApiErrorException.Invalid($"{path}.function.name", $"{path}.function.name '{function.Name}' is declared twice.");
            }

            var parameters = IsPresent(function.Parameters) ? function.Parameters!.Value : EmptyParameters;
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                throw ApiErrorException.Invalid($"{path}.function.parameters", $"{path}.function.parameters must be a JSON Schema object.");
            }

            declarations.Add(AIFunctionFactory.CreateDeclaration(function.Name, function.Description, parameters.Clone()));
        }

        return declarations;
    }

    private static ChatToolMode? ToolMode(JsonElement? choice, List<AIFunctionDeclaration> tools)
    {
        if (!IsPresent(choice))
        {
            return null;
        }

        var value = choice!.Value;
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "none" => ChatToolMode.None,
                "auto" => ChatToolMode.Auto,
                "required" when tools.Count == 0 => throw ApiErrorException.Invalid("tool_choice", "tool_choice 'required' needs tools."),
                "required" => ChatToolMode.RequireAny,
                var other => throw ApiErrorException.Invalid("tool_choice", $"tool_choice must be none, auto, required or a function; not '{other}'."),
            };
        }

        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            var chosen = name.GetString()!;
            return tools.Any(t => t.Name == chosen)
                ? ChatToolMode.RequireSpecific(chosen)
                : throw ApiErrorException.Invalid("tool_choice.function.name", $"tool_choice names '{chosen}', which is not among the declared tools.");
        }

        throw ApiErrorException.Invalid("tool_choice", """tool_choice must be "none", "auto", "required" or {"type":"function","function":{"name":…}}.""");
    }

    private static List<string>? Stop(JsonElement? stop)
    {
        if (!IsPresent(stop))
        {
            return null;
        }

        var value = stop!.Value;
        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
        {
            throw ApiErrorException.Invalid("stop", "stop must be a string or an array of strings.");
        }

        var sequences = value.EnumerateArray().Select(s => s.GetString()!).ToList();
        return sequences.Count <= MaxStopSequences
            ? sequences
            : throw ApiErrorException.Invalid("stop", $"stop takes at most {MaxStopSequences} sequences, not {sequences.Count}.");
    }

    private static ChatResponseFormat? ResponseFormat(JsonElement? format)
    {
        if (!IsPresent(format))
        {
            return null;
        }

        var value = format!.Value;
        var type = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "text":
                return ChatResponseFormat.Text;
            case "json_object":
                return ChatResponseFormat.Json;
            case "json_schema":
                if (!value.TryGetProperty("json_schema", out var spec) || spec.ValueKind != JsonValueKind.Object
                    || !spec.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Object)
                {
                    throw ApiErrorException.Missing("response_format.json_schema.schema");
                }

                return ChatResponseFormat.ForJsonSchema(schema.Clone(), OptionalString(spec, "name"), OptionalString(spec, "description"));
            default:
                throw ApiErrorException.Invalid("response_format.type", "response_format.type must be text, json_object or json_schema.");
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static float? InRange(float? value, string param, float min, float max) =>
        value is null || (value >= min && value <= max)
            ? value
            : throw ApiErrorException.Invalid(param, $"{param} must be between {min} and {max}, not {value}.");

    private static int? Positive(int? value, string param) =>
        value is null or > 0 ? value : throw ApiErrorException.Invalid(param, $"{param} must be at least 1, not {value}.");

    private static bool IsPresent(JsonElement? element) => element is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
}
