using Sparring.Tenancy.Tenants;

namespace Sparring.Tenancy.Webhooks;

/// <summary>The outcome of verifying a signed request: the tenant when valid, else the reason and a message for the caller.</summary>
/// <param name="Tenant">The tenant that signed it; null when rejected.</param>
/// <param name="Rejection">Why it was rejected; null when valid.</param>
/// <param name="Message">What is wrong, in words a caller can act on; empty when valid.</param>
public sealed record WebhookVerification(Tenant? Tenant, WebhookRejection? Rejection, string Message)
{
    /// <summary>Whether the signature is valid (then <see cref="Tenant"/> is set).</summary>
    public bool IsValid => Tenant is not null && Rejection is null;

    /// <summary>The reason as the API's problem documents give it (snake_case, e.g. <c>timestamp_outside_window</c>).</summary>
    public string? ReasonCode => Rejection switch
    {
        null => null,
        WebhookRejection.MissingSignature => "missing_signature",
        WebhookRejection.MalformedSignature => "malformed_signature",
        WebhookRejection.TimestampOutsideWindow => "timestamp_outside_window",
        WebhookRejection.UnknownTenant => "unknown_tenant",
        WebhookRejection.WrongSignature => "wrong_signature",
        WebhookRejection.ReplayedSignature => "replayed_signature",
        _ => Rejection.ToString(),
    };

    /// <summary>A valid verification for <paramref name="tenant"/>.</summary>
    public static WebhookVerification Valid(Tenant tenant) => new(tenant, null, string.Empty);

    /// <summary>A rejection.</summary>
    public static WebhookVerification Rejected(WebhookRejection rejection, string message) => new(null, rejection, message);
}
