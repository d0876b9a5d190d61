using Sparring.Abstractions.Tenants;

namespace Sparring.Tenancy.Tenants;

/// <summary>Changes to a tenant's settings; a null member leaves that setting as it is.</summary>
/// <param name="DisplayName">A new display name.</param>
/// <param name="Quota">A new quota (replaces the whole quota).</param>
/// <param name="CallbackUrl">A new callback URL.</param>
/// <param name="ClearCallbackUrl">Removes the callback URL.</param>
/// <param name="NightlyCron">A new nightly schedule.</param>
/// <param name="ClearNightlyCron">Removes the nightly schedule.</param>
public sealed record TenantChanges(
    string? DisplayName = null,
    TenantQuota? Quota = null,
    Uri? CallbackUrl = null,
    bool ClearCallbackUrl = false,
    string? NightlyCron = null,
    bool ClearNightlyCron = false);
