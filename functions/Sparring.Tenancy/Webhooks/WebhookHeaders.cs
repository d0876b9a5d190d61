namespace Sparring.Tenancy.Webhooks;

/// <summary>The HTTP headers of signed requests, both ways: webhooks to Sparring and completion callbacks from it.</summary>
public static class WebhookHeaders
{
    /// <summary><c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>.</summary>
    public const string Signature = "Sparring-Signature";

    /// <summary>The tenant whose secret signed the request.</summary>
    public const string Tenant = "Sparring-Tenant";

    /// <summary>A client's key for one logical request; a repeated delivery with the same key returns the same run.</summary>
    public const string IdempotencyKey = "Idempotency-Key";
}
