using System.Text.Json;

namespace Sparring.Training.Tokenization;

/// <summary>A tool the assistant may call, as the template declares it: name, description and JSON-schema parameters.</summary>
public sealed record ToolDeclaration(string Name, string Description, JsonElement? Parameters = null);
