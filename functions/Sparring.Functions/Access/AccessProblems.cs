using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Functions.Access;

/// <summary>The API's refusals of who is calling or how much: 401, 403, 422 and 429 problem details, each with a reason.</summary>
public static class AccessProblems
{
    /// <summary>401: no API key, or one that is not a current key of any tenant.</summary>
    public static IActionResult Unauthorized(string reason, string detail) =>
        Result(StatusCodes.Status401Unauthorized, "The request is not authenticated.", detail, reason, new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" });

    /// <summary>401: a signed webhook whose signature does not verify, with the verifier's reason.</summary>
    public static IActionResult WebhookRejected(WebhookVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return Result(StatusCodes.Status401Unauthorized, "The webhook signature is not accepted.", verification.Message, verification.ReasonCode ?? "invalid_signature");
    }

    /// <summary>403: the request asks to act for another tenant than the caller's.</summary>
    public static IActionResult WrongTenant(string callerTenant, string bodyTenant) =>
        Result(
            StatusCodes.Status403Forbidden,
            "The request names another tenant.",
            $"The body's tenant '{bodyTenant}' is not the caller's tenant '{callerTenant}': a key acts for its own tenant only (leave tenant out of the body).",
            "tenant_mismatch");

    /// <summary>429: the tenant's request rate is past its token bucket.</summary>
    public static IActionResult RateLimited(string tenant, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Result(
            StatusCodes.Status429TooManyRequests,
            "Too many requests.",
            $"Tenant '{tenant}' is past its request rate limit: retry after {seconds} s.",
            "rate_limited",
            new Dictionary<string, string> { ["Retry-After"] = seconds });
    }

    /// <summary>429: starting the run would go past the tenant's quota.</summary>
    public static IActionResult QuotaExceeded(string detail) =>
        Result(StatusCodes.Status429TooManyRequests, "The tenant's quota does not allow this run.", detail, "quota_exceeded");

    /// <summary>422: an idempotency key reused with another body.</summary>
    public static IActionResult IdempotencyKeyReused(string key, string runId) =>
        Result(
            StatusCodes.Status422UnprocessableEntity,
            "The idempotency key was used with a different request.",
            $"Idempotency-Key '{key}' already started run '{runId}' with a different body: send the same body to get that run, or use a new key for a new run.",
            "idempotency_key_reused");

    private static ProblemResult Result(int status, string title, string detail, string reason, IReadOnlyDictionary<string, string>? headers = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["reason"] = reason;
        return new ProblemResult(problem, headers);
    }
}
