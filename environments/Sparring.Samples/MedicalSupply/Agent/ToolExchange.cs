using System.Text.Json.Nodes;

namespace Sparring.Samples.MedicalSupply.Agent;

/// <summary>One tool call of the conversation and what it returned.</summary>
/// <param name="Name">The tool called.</param>
/// <param name="Arguments">The arguments passed.</param>
/// <param name="Result">The parsed result when the call succeeded.</param>
/// <param name="Error">The error message (without "Error: ") when it failed.</param>
internal sealed record ToolExchange(string Name, JsonObject Arguments, JsonNode? Result, string? Error)
{
    /// <summary>Whether the call succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A string argument, or null.</summary>
    public string? Argument(string name) => Arguments[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
