using System.Text.Json;
using Microsoft.Extensions.AI;
using Sparring.Training.Tokenization;

namespace Sparring.Training.Chat;

/// <summary>A parsed tool call as the engine takes it: a valid call with its arguments, or a call carrying why it is malformed.</summary>
public static class ToolCallContent
{
    /// <summary>
    /// The call as a <see cref="FunctionCallContent"/>. Arguments must be one JSON object with each name once; anything
    /// else (invalid JSON, an array, a repeated name) comes back with an exception, which the episode runner records
    /// as an invalid tool call rather than failing the episode.
    /// </summary>
    public static FunctionCallContent From(ParsedToolCall call, string id)
    {
        ArgumentNullException.ThrowIfNull(call);
        string? problem = call.Error;
        if (call is { IsValid: true, Name: { } name, Arguments: { } arguments })
        {
            (var values, problem) = ArgumentsOf(arguments);
            if (values is not null)
            {
                return new FunctionCallContent(id, name, values);
            }
        }

        return new FunctionCallContent(id, call.Name ?? "invalid_tool_call")
        {
            Exception = new InvalidDataException($"malformed tool call ({problem ?? "no name or arguments"}): {call.RawText}"),
        };
    }

    private static (Dictionary<string, object?>? Values, string? Problem) ArgumentsOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "the arguments are not a JSON object");
            }

            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!values.TryAdd(property.Name, property.Value.Clone()))
                {
                    return (null, $"the argument '{property.Name}' is given twice");
                }
            }

            return (values, null);
        }
        catch (JsonException ex)
        {
            return (null, $"the arguments are not valid JSON: {ex.Message}");
        }
    }
}
