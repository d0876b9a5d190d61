using Sparring.Abstractions.Tenants;

namespace Sparring.Tenancy.Tenants;

/// <summary>What a new tenant is created with; its key and secret are generated.</summary>
/// <param name="Id">The tenant id (<see cref="TenantIds.Rule"/>).</param>
/// <param name="DisplayName">A name for people; the id when null.</param>
/// <param name="Quota">Its quota; unlimited when null.</param>
/// <param name="CallbackUrl">Where completion callbacks go; none when null.</param>
/// <param name="NightlyCron">The nightly retraining schedule; none when null.</param>
public sealed record TenantDefinition(string Id, string? DisplayName = null, TenantQuota? Quota = null, Uri? CallbackUrl = null, string? NightlyCron = null);
