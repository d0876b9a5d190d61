namespace Sparring.Training.Tokenization;

/// <summary>One tool call read from a generated assistant turn; a malformed one is kept, marked invalid, with why.</summary>
/// <param name="IsValid">Whether the call is a JSON object with a string name and an object of arguments, terminated.</param>
/// <param name="Name">The tool name, when one could be read (even from an otherwise invalid call).</param>
/// <param name="Arguments">The arguments object's JSON text exactly as generated, when the call is valid.</param>
/// <param name="RawText">Everything the model generated for the call, between the tool-call token and the next special token.</param>
/// <param name="Error">Why the call is invalid; null when valid.</param>
public sealed record ParsedToolCall(bool IsValid, string? Name, string? Arguments, string RawText, string? Error)
{
    /// <summary>A well-formed call.</summary>
    public static ParsedToolCall Valid(string name, string arguments, string rawText) => new(true, name, arguments, rawText, null);

    /// <summary>A malformed call and the reason.</summary>
    public static ParsedToolCall Invalid(string rawText, string error, string? name = null) => new(false, name, null, rawText, error);
}
