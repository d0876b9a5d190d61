using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Sparring.Metering.Quotas;

namespace Sparring.Functions.Http;

/// <summary>The usage API's and the quota check's error responses, RFC 9457 problem details.</summary>
internal static class UsageProblems
{
    public static IActionResult Validation(ValidationErrors errors) =>
        Result(new ValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The usage query is not valid.",
            Detail = "See errors: each query parameter that is wrong, and what it must be.",
        });

    /// <summary>429: the run would take the tenant past its monthly episode quota; the detail is the decision's message.</summary>
    public static IActionResult QuotaExceeded(QuotaDecision decision)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "The run would exceed the tenant's monthly episode quota.",
            Detail = decision.Message,
        };
        problem.Extensions["episodesPerMonth"] = decision.Allowance.Limit;
        problem.Extensions["episodesUsed"] = decision.Allowance.Used;
        problem.Extensions["episodesLeft"] = decision.Allowance.Left;
        problem.Extensions["episodesNeeded"] = decision.Needed;
        return Result(problem);
    }

    private static ObjectResult Result(ProblemDetails problem) => new(problem) { StatusCode = problem.Status };
}
