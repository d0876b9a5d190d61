using Microsoft.AspNetCore.Http;

namespace Sparring.Functions.Tenants;

/// <summary>
/// The one seam where an API request's tenant is decided. The usage API asks it and nothing else; authentication
/// (tenant API keys) replaces <see cref="HeaderTenantResolver"/> with a resolver of its own.
/// </summary>
public interface ITenantResolver
{
    /// <summary>The tenant the request acts for, or null when it has none (the API answers 401).</summary>
    Task<string?> ResolveAsync(HttpRequest request, CancellationToken cancellationToken);
}
