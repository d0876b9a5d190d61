namespace Sparring.Serving.Protocol;

/// <summary>A tool the request declares.</summary>
/// <param name="Type">Always "function".</param>
/// <param name="Function">The function's declaration.</param>
internal sealed record ToolDefinition(string? Type, FunctionDefinition? Function);
