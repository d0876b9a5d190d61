using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Sparring.Functions.Http;

/// <summary>The API's error responses, all RFC 9457 problem details (application/problem+json).</summary>
internal static class RunProblems
{
    public static IActionResult Validation(ValidationErrors errors) =>
        Result(new ValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The run request is not valid.",
            Detail = "See errors: each field that is wrong, and what it must be.",
        });

    /// <summary>A body that is not JSON at all, with the position where it stops being JSON.</summary>
    public static IActionResult MalformedJson(JsonException exception)
    {
        var line = (exception.LineNumber ?? 0) + 1;
        var position = (exception.BytePositionInLine ?? 0) + 1;
        var errors = new ValidationErrors();
        errors.Add("body", $"is not valid JSON at line {line}, position {position}: {ReaderMessage(exception.Message)}");
        return Result(new ValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON.",
            Detail = $"Malformed JSON at line {line}, position {position}.",
        });
    }

    public static IActionResult TooLarge(long limit) =>
        Result(new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request body is too large.",
            Detail = $"A run request is at most {limit} bytes.",
        });

    public static IActionResult NotFound(string runId) =>
        Result(new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "There is no such run.",
            Detail = $"No run has the id '{runId}'.",
        });

    /// <summary>A request the run's state does not allow now, with that state and where to follow it.</summary>
    public static IActionResult Conflict(string title, string detail, string runStatus, RunLinks links)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = title,
            Detail = detail,
        };
        problem.Extensions["runStatus"] = runStatus;
        problem.Extensions["links"] = links;
        return Result(problem);
    }

    private static ObjectResult Result(ProblemDetails problem) => new(problem) { StatusCode = problem.Status };

    private static string ReaderMessage(string message)
    {
        // System.Text.Json appends the position as "Path: … | LineNumber: … | BytePositionInLine: …"; it is said above.
        var end = message.IndexOf(" Path:", StringComparison.Ordinal) is >= 0 and var path ? path : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end >= 0 ? message[..end] : message).TrimEnd();
    }
}
