using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc;
using Sparring.Tenancy.Tenants;

namespace Sparring.Functions.Access;

/// <summary>Who is calling: the authenticated tenant, or the response refusing the request.</summary>
/// <param name="Tenant">The caller's tenant; null when refused.</param>
/// <param name="Rejection">The 401 or 429 to return; null when admitted.</param>
public sealed record ApiCaller(Tenant? Tenant, IActionResult? Rejection)
{
    /// <summary>Whether the request may go on (then <see cref="Tenant"/> is set and <see cref="Rejection"/> is null).</summary>
    [MemberNotNullWhen(true, nameof(Tenant))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAdmitted => Tenant is not null;

    /// <summary>An admitted caller.</summary>
    public static ApiCaller Admitted(Tenant tenant) => new(tenant, null);

    /// <summary>A refused caller.</summary>
    public static ApiCaller Refused(IActionResult rejection) => new(null, rejection);
}
