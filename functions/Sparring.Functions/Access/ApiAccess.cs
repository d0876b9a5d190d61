using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sparring.Tenancy.RateLimits;
using Sparring.Tenancy.Tenants;

namespace Sparring.Functions.Access;

/// <summary>
/// The door of every API function: the tenant from the API key (<c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key</c>), then the tenant's rate limit. Functions call it first and return its rejection when refused.
/// </summary>
public sealed class ApiAccess(ITenantDirectory tenants, TenantRateLimiter limiter, ILogger<ApiAccess> logger)
{
    /// <summary>The header carrying the API key when Authorization is not used.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The caller's tenant, or a 401 (no key, unknown or superseded key) or 429 (rate limit).</summary>
    public async Task<ApiCaller> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ReadKey(request) is not { } key)
        {
            return ApiCaller.Refused(AccessProblems.Unauthorized("missing_api_key", $"Send the tenant's API key as 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'."));
        }

        if (await tenants.AuthenticateAsync(key, cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            logger.LogInformation("Refused a request to {Path}: the API key is not a current key of any tenant", request.Path);
            return ApiCaller.Refused(AccessProblems.Unauthorized("invalid_api_key", "The API key is not a current key of any tenant (a rotated key stops working at once)."));
        }

        return Admit(tenant);
    }

    /// <summary>The tenant's rate limit alone, for requests authenticated otherwise (signed webhooks).</summary>
    public ApiCaller Admit(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var decision = limiter.TryAcquire(tenant.Id);
        return decision.Allowed ? ApiCaller.Admitted(tenant) : ApiCaller.Refused(AccessProblems.RateLimited(tenant.Id, decision.RetryAfter));
    }

    private static string? ReadKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization[7..].Trim() is { Length: > 0 } bearer)
        {
            return bearer;
        }

        return request.Headers[ApiKeyHeader].ToString().Trim() is { Length: > 0 } key ? key : null;
    }
}
