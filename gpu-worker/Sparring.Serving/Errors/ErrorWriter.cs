using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sparring.Serving.Protocol;

namespace Sparring.Serving.Errors;

/// <summary>Writes error bodies in OpenAI's shape.</summary>
internal static class ErrorWriter
{
    /// <summary>A server-side failure, with no detail that could leak internals: the request id points into the log.</summary>
    public static ErrorDetail ServerError(string requestId) =>
        new($"The server failed to complete request {requestId}; its log has the details.", "server_error", null, null);

    /// <summary>Answers with <paramref name="statusCode"/> and the error as JSON.</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, ErrorDetail error, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorResponse(error), ServingJsonContext.Default.ErrorResponse, cancellationToken).ConfigureAwait(false);
    }
}
