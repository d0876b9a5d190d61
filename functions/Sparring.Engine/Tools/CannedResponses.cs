using System.Text.Json;
using System.Text.Json.Nodes;
using Sparring.Engine.Environments;
using Sparring.Engine.State;

namespace Sparring.Engine.Tools;

/// <summary>Answers a call from a tool's canned responses: the first whose "when" arguments all equal the call's.</summary>
internal static class CannedResponses
{
    public static ToolOutcome Answer(string name, IReadOnlyList<CannedResponse> responses, JsonElement arguments)
    {
        var call = JsonNode.Parse(arguments.GetRawText()) as JsonObject ?? [];
        foreach (var response in responses)
        {
            if (!Matches(response.When, call))
            {
                continue;
            }

            if (response.Error is { } error)
            {
                return ToolOutcome.Failure(error, valid: true);
            }

            return new ToolOutcome(
                response.Result is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : response.Result?.ToJsonString() ?? "null",
                Valid: true);
        }

        return ToolOutcome.Failure($"'{name}' has no answer for these arguments", valid: true);
    }

    private static bool Matches(JsonObject? when, JsonObject call) =>
        when is null || when.All(pair =>
            call.TryGetPropertyValue(pair.Key, out var actual) &&
            CanonicalJson.Serialize(actual) == CanonicalJson.Serialize(pair.Value));
}
