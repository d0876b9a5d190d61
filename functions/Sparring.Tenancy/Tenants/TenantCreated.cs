namespace Sparring.Tenancy.Tenants;

/// <summary>A new tenant with its API key and webhook secret in plain text: shown once, never stored or readable again.</summary>
/// <param name="Tenant">The stored tenant.</param>
/// <param name="ApiKey">The API key.</param>
/// <param name="WebhookSecret">The webhook signing secret.</param>
public sealed record TenantCreated(Tenant Tenant, string ApiKey, string WebhookSecret);
