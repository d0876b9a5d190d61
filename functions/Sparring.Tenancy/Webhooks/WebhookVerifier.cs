using System.Globalization;
using Sparring.Tenancy.Tenants;

namespace Sparring.Tenancy.Webhooks;

/// <summary>
/// Verifies a signed request: headers present and well formed, timestamp within ±<see cref="Tolerance"/> of now,
/// tenant known, a v1 signature matching the raw body with the tenant's secret (constant-time), and not seen before.
/// </summary>
public sealed class WebhookVerifier(ITenantDirectory tenants, IReplayGuard replays, TimeProvider timeProvider)
{
    /// <summary>How far the signing time may be from now, either way.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The verdict for a request with these header values and raw body.</summary>
    public async Task<WebhookVerification> VerifyAsync(string? tenantHeader, string? signatureHeader, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader) || string.IsNullOrWhiteSpace(tenantHeader))
        {
            var missing = string.IsNullOrWhiteSpace(signatureHeader) ? WebhookHeaders.Signature : WebhookHeaders.Tenant;
            return WebhookVerification.Rejected(WebhookRejection.MissingSignature, $"The {missing} header is missing: sign the request (see docs/webhooks.md).");
        }

        if (!WebhookSignature.TryParse(signatureHeader, out var signature, out var problem))
        {
            return WebhookVerification.Rejected(WebhookRejection.MalformedSignature, $"The {WebhookHeaders.Signature} header is malformed: {problem}. Expected t=<unix seconds>,v1=<64 hex digits>.");
        }

        if (!TenantIds.IsValid(tenantHeader))
        {
            return WebhookVerification.Rejected(WebhookRejection.MalformedSignature, $"The {WebhookHeaders.Tenant} header '{tenantHeader}' is not a tenant id ({TenantIds.Rule}).");
        }

        var now = timeProvider.GetUtcNow();
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(signature!.Timestamp, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        var skew = now - signedAt;
        if (skew.Duration() > Tolerance)
        {
            var seconds = ((long)skew.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return WebhookVerification.Rejected(
                WebhookRejection.TimestampOutsideWindow,
                $"The signature's timestamp t={signature.Timestamp} is {seconds} s from the server's time {now.ToUnixTimeSeconds()}; it must be within ±{Tolerance.TotalSeconds} s. Sign each delivery afresh.");
        }

        if (await tenants.GetAsync(tenantHeader, cancellationToken).ConfigureAwait(false) is not { } tenant)
        {
            return WebhookVerification.Rejected(WebhookRejection.UnknownTenant, $"There is no tenant '{tenantHeader}'.");
        }

        if (!signature.Matches(tenant.WebhookSecret, body.Span))
        {
            return WebhookVerification.Rejected(WebhookRejection.WrongSignature, "No v1 signature matches the body with the tenant's webhook secret: sign \"<t>.<raw body>\" with HMAC-SHA256 and the current secret.");
        }

        // The matching signature is the one remembered: recomputed, so the row key does not depend on the header's spelling.
        var expected = WebhookSignature.Compute(tenant.WebhookSecret, signature.Timestamp, body.Span);
        if (!await replays.TryRecordAsync(tenant.Id, expected, signedAt, cancellationToken).ConfigureAwait(false))
        {
            return WebhookVerification.Rejected(WebhookRejection.ReplayedSignature, "This signature was accepted before: a replayed delivery. Sign each delivery afresh (and send an Idempotency-Key to make retries safe).");
        }

        return WebhookVerification.Valid(tenant);
    }
}
