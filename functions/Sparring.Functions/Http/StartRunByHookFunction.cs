using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Sparring.Functions.Access;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Functions.Http;

/// <summary>
/// <c>POST /api/hooks/runs</c>: the signed webhook. The body is that of <c>POST /api/runs</c>; instead of an API key the
/// request carries <c>Sparring-Tenant</c> and <c>Sparring-Signature</c> (HMAC-SHA256 of "t.body" with the tenant's
/// webhook secret), and an <c>Idempotency-Key</c> makes repeated deliveries return the same run.
/// </summary>
public sealed class StartRunByHookFunction(WebhookVerifier verifier, ApiAccess access, RunStarter starter, ILogger<StartRunByHookFunction> logger)
{
    /// <summary>As <c>POST /api/runs</c>, with 401 and a reason (docs/webhooks.md) for a signature that is not accepted.</summary>
    [Function("StartRunByHook")]
    public async Task<IActionResult> StartRunByHookAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hooks/runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (await RequestBodies.ReadAsync(request, RunStarter.MaxBodyBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return RunProblems.TooLarge(RunStarter.MaxBodyBytes);
        }

        var verification = await verifier.VerifyAsync(
            request.Headers[WebhookHeaders.Tenant].ToString(),
            request.Headers[WebhookHeaders.Signature].ToString(),
            body,
            cancellationToken).ConfigureAwait(false);
        if (!verification.IsValid)
        {
            logger.LogInformation("Refused a webhook for tenant {Tenant}: {Reason}", request.Headers[WebhookHeaders.Tenant].ToString(), verification.ReasonCode);
            return AccessProblems.WebhookRejected(verification);
        }

        var caller = access.Admit(verification.Tenant!);
        return caller.IsAdmitted
            ? await starter.StartAsync(request, client, caller.Tenant, body, cancellationToken).ConfigureAwait(false)
            : caller.Rejection;
    }
}
