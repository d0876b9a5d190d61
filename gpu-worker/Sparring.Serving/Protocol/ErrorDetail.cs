using System.Text.Json.Serialization;

namespace Sparring.Serving.Protocol;

/// <summary>An error as OpenAI reports it.</summary>
/// <param name="Message">What went wrong, for people.</param>
/// <param name="Type">invalid_request_error, not_found_error or server_error.</param>
/// <param name="Param">The request field at fault (a JSON path such as messages[2].tool_call_id), or null.</param>
/// <param name="Code">A machine-readable code such as model_not_found, or null.</param>
internal sealed record ErrorDetail(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
