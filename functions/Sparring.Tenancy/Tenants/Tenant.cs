using System.Text;
using Sparring.Abstractions.Tenants;

namespace Sparring.Tenancy.Tenants;

/// <summary>A tenant as the directory stores it: never its API key, only the key's SHA-256.</summary>
/// <param name="Id">The tenant id (<see cref="TenantIds.Rule"/>).</param>
/// <param name="DisplayName">A name for people.</param>
/// <param name="ApiKeyHash">Lowercase hex SHA-256 of the one current API key; rotating replaces it.</param>
/// <param name="WebhookSecret">The HMAC-SHA256 secret of its webhook and completion-callback signatures (stored as is: verifying needs it).</param>
/// <param name="CallbackUrl">Where signed completion callbacks go; null for none.</param>
/// <param name="Quota">Episodes per month and concurrent runs.</param>
/// <param name="NightlyCron">The nightly retraining schedule (a 5-field CRON expression, UTC); null for none.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Tenant(
    string Id,
    string DisplayName,
    string ApiKeyHash,
    string WebhookSecret,
    Uri? CallbackUrl,
    TenantQuota Quota,
    string? NightlyCron,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    // A tenant ends up in logs and exception messages: its secret and key hash must not.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Id = {Id}, DisplayName = {DisplayName}, CallbackUrl = {CallbackUrl}, Quota = {Quota}, NightlyCron = {NightlyCron}, CreatedAt = {CreatedAt:O}, UpdatedAt = {UpdatedAt:O}");
        return true;
    }
}
