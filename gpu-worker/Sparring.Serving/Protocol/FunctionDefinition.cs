using System.Text.Json;

namespace Sparring.Serving.Protocol;

/// <summary>A declared function: name, description and the JSON Schema of its parameters.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Description">What it does, for the model.</param>
/// <param name="Parameters">JSON Schema of the arguments object.</param>
/// <param name="Strict">Structured-outputs strictness; accepted and not enforced.</param>
internal sealed record FunctionDefinition(string? Name, string? Description, JsonElement? Parameters, bool? Strict);
