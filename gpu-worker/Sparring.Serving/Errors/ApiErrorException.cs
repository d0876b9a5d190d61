using Microsoft.AspNetCore.Http;
using Sparring.Serving.Protocol;

namespace Sparring.Serving.Errors;

/// <summary>A request the server refuses, with the status and OpenAI-shaped error that tell the caller why.</summary>
internal sealed class ApiErrorException(int statusCode, ErrorDetail error) : Exception(error.Message)
{
    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The error body.</summary>
    public ErrorDetail Error { get; } = error;

    /// <summary>400: a field is missing, has the wrong type or an impossible value.</summary>
    public static ApiErrorException Invalid(string? param, string message) =>
        new(StatusCodes.Status400BadRequest, new ErrorDetail(message, "invalid_request_error", param, null));

    /// <summary>400: a required field is absent.</summary>
    public static ApiErrorException Missing(string param) =>
        new(StatusCodes.Status400BadRequest, new ErrorDetail($"Missing required field '{param}'.", "invalid_request_error", param, "missing_required_parameter"));

    /// <summary>400: an option OpenAI has that this server does not serve.</summary>
    public static ApiErrorException Unsupported(string param, string message) =>
        new(StatusCodes.Status400BadRequest, new ErrorDetail(message, "invalid_request_error", param, "unsupported_parameter"));

    /// <summary>404: no model by that id.</summary>
    public static ApiErrorException ModelNotFound(string model, IEnumerable<string> served) =>
        new(StatusCodes.Status404NotFound, new ErrorDetail(
            $"The model '{model}' does not exist. Served models: {string.Join(", ", served)}.", "invalid_request_error", "model", "model_not_found"));
}
