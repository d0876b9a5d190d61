namespace Sparring.Tenancy.Webhooks;

/// <summary>Why a signed request was refused (all are 401s).</summary>
public enum WebhookRejection
{
    /// <summary>The Sparring-Signature or Sparring-Tenant header is missing.</summary>
    MissingSignature,

    /// <summary>A header is not in the expected form.</summary>
    MalformedSignature,

    /// <summary>The signing time is more than the tolerance away from now: too old (or a clock far off).</summary>
    TimestampOutsideWindow,

    /// <summary>No tenant has the id in Sparring-Tenant.</summary>
    UnknownTenant,

    /// <summary>No signature matches the body with the tenant's secret.</summary>
    WrongSignature,

    /// <summary>The exact signature was accepted before: a replay.</summary>
    ReplayedSignature,
}
