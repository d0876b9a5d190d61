namespace Sparring.Serving.Protocol;

/// <summary>Every error body: {"error":{"message","type","param","code"}}.</summary>
/// <param name="Error">What went wrong.</param>
internal sealed record ErrorResponse(ErrorDetail Error);
