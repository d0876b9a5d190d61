namespace Sparring.Serving.Protocol;

/// <summary>The function a tool call names, with its arguments as JSON text.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">A JSON object, as text.</param>
internal sealed record FunctionCall(string? Name, string? Arguments);
