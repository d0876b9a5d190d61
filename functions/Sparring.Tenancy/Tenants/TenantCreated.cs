namespace Sparring.Tenancy.Tenants;

/// <summary>A new tenant with its API key and webhook secret in plain text: shown once, never stored or readable again.</summary>
/// <param name="Tenant">The stored tenant.</param>
/// <param name="ApiKey">The API key.</param>
/// <param name="WebhookSecret">The webhook signing secret.</param>
public sealed record TenantCreated(Tenant Tenant, string ApiKey, string WebhookSecret)
{
    // Printed by accident (a log line, a test failure), it must not show the key or the secret.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Tenant = {Tenant}, ApiKey = ***, WebhookSecret = ***");
        return true;
    }
}
