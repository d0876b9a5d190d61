using Microsoft.AspNetCore.Http;

namespace Sparring.Functions.Tenants;

/// <summary>
/// Takes the tenant from the <c>X-Sparring-Tenant</c> header: a stand-in, behind the function key, until tenant API
/// keys resolve the tenant from the caller's credentials.
/// </summary>
public sealed class HeaderTenantResolver : ITenantResolver
{
    /// <summary>The header read.</summary>
    public const string Header = "X-Sparring-Tenant";

    /// <inheritdoc />
    public Task<string?> ResolveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[Header];
        var tenant = values.Count == 1 ? values[0]?.Trim() : null;
        var valid = tenant is { Length: > 0 and <= 63 } && tenant.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
        return Task.FromResult(valid ? tenant : null);
    }
}
