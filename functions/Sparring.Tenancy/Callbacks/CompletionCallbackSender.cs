using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sparring.Tenancy.Tenants;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Tenancy.Callbacks;

/// <summary>
/// Makes one attempt to POST a signed completion callback to the tenant's URL and records it. The caller retries
/// (a Durable retry policy with backoff): an attempt that fails while attempts remain throws
/// <see cref="CallbackDeliveryException"/>; the last one records <c>failed</c> and returns, so the run never fails for it.
/// </summary>
public sealed class CompletionCallbackSender(HttpClient http, ITenantDirectory tenants, ICallbackLog log, TimeProvider timeProvider, ILogger<CompletionCallbackSender> logger)
{
    /// <summary>
    /// One attempt. Returns the record after it, or null when the tenant has no callback URL. An attempt after the
    /// callback was delivered sends nothing again (the activity may be re-run after its success was lost).
    /// </summary>
    /// <exception cref="CallbackDeliveryException">The attempt failed and fewer than <paramref name="maxAttempts"/> were made.</exception>
    public async Task<CallbackRecord?> SendAsync(RunCompletedCallback callback, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (await tenants.GetAsync(callback.Tenant, cancellationToken).ConfigureAwait(false) is not { CallbackUrl: { } url } tenant)
        {
            return null;
        }

        var previous = await log.GetAsync(callback.Tenant, callback.RunId, cancellationToken).ConfigureAwait(false);
        var sameCompletion = previous is not null && previous.CompletedAt == callback.CompletedAt;
        if (sameCompletion && previous!.Status is CallbackRecord.Delivered or CallbackRecord.Failed)
        {
            return previous;
        }

        var attempt = (sameCompletion ? previous!.Attempts : 0) + 1;
        var error = await PostAsync(url, tenant, callback, cancellationToken).ConfigureAwait(false);
        var status = error is null ? CallbackRecord.Delivered : attempt >= maxAttempts ? CallbackRecord.Failed : CallbackRecord.Retrying;
        var record = new CallbackRecord(status, attempt, error ?? (sameCompletion ? previous!.LastError : null), callback.CompletedAt, timeProvider.GetUtcNow());
        await log.SaveAsync(callback.Tenant, callback.RunId, record, cancellationToken).ConfigureAwait(false);
        switch (status)
        {
            case CallbackRecord.Delivered:
                logger.LogInformation("Delivered the completion callback of run {RunId} to tenant {Tenant} (attempt {Attempt})", callback.RunId, callback.Tenant, attempt);
                return record;
            case CallbackRecord.Failed:
                logger.LogWarning("Gave up the completion callback of run {RunId} to tenant {Tenant} after {Attempts} attempts: {Error}", callback.RunId, callback.Tenant, attempt, error);
                return record;
            default:
                throw new CallbackDeliveryException(string.Create(CultureInfo.InvariantCulture, $"Completion callback of run {callback.RunId} to {url} failed (attempt {attempt} of {maxAttempts}): {error}"));
        }
    }

    private async Task<string?> PostAsync(Uri url, Tenant tenant, RunCompletedCallback callback, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(callback, TenancyJsonContext.Default.RunCompletedCallback);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookHeaders.Tenant, tenant.Id);
        request.Headers.Add(WebhookHeaders.Signature, new WebhookSigner(timeProvider).Sign(tenant.WebhookSecret, body));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return $"timed out: {ex.Message}";
        }
    }
}
