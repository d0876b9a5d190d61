namespace Sparring.Tenancy.Webhooks;

/// <summary>Signs request bodies at the current time: the completion callback, tests and the docs' examples use it.</summary>
public sealed class WebhookSigner(TimeProvider timeProvider)
{
    /// <summary>The <see cref="WebhookHeaders.Signature"/> header value for <paramref name="body"/>, signed now with <paramref name="secret"/>.</summary>
    public string Sign(string secret, ReadOnlySpan<byte> body) =>
        WebhookSignature.Header(secret, timeProvider.GetUtcNow().ToUnixTimeSeconds(), body);
}
