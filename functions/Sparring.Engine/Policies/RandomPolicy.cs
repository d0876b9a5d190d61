using System.Text.Json;
using Microsoft.Extensions.AI;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Policies;

/// <summary>
/// A deliberately weak baseline: calls a random offered tool with placeholder arguments or says something generic,
/// deterministic for ChatOptions.Seed. Graders that cannot tell it from a real agent are not grading.
/// </summary>
public sealed class RandomPolicy : RuleBasedPolicy
{
    private static readonly IReadOnlyList<string> Phrases =
    [
        "Could you tell me more about that?",
        "I'm sorry, I can't help with that.",
        "Okay, noted.",
        "Please hold on a moment.",
        "Is there anything else?",
    ];

    /// <inheritdoc />
    protected override ChatResponse Respond(IReadOnlyList<ChatMessage> history, ChatOptions? options)
    {
        var random = new DeterministicRandom(DeterministicRandom.SeedFrom($"{options?.Seed}/{history.Count}"));
        var tools = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        var lastWasTool = history.Count > 0 && history[^1].Role == ChatRole.Tool;
        if (tools.Count > 0 && !lastWasTool && random.NextDouble() < 0.5)
        {
            var tool = random.Pick(tools);
            var call = new FunctionCallContent($"call_{history.Count}", tool.Name, Placeholders(tool.JsonSchema, random));
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])) { ModelId = "random" };
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, random.Pick(Phrases))) { ModelId = "random" };
    }

    private static Dictionary<string, object?> Placeholders(JsonElement schema, DeterministicRandom random)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return arguments;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var type = property.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "string";
            arguments[property.Name] = type switch
            {
                "integer" or "number" => random.Next(1000),
                "boolean" => random.NextDouble() < 0.5,
                "array" => Array.Empty<string>(),
                "object" => new Dictionary<string, object?>(),
                _ => property.Value.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0
                    ? values[random.Next(values.GetArrayLength())].ToString()
                    : $"unknown-{random.Next(100)}",
            };
        }

        return arguments;
    }
}
