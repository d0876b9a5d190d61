using System.Text;
using Microsoft.DurableTask.Client;
using Sparring.Functions.Tests.Access;
using Sparring.Orchestration.Contracts;
using Sparring.Tenancy.RateLimits;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Functions.Tests.Http;

/// <summary>POST /api/hooks/runs: authenticated by the webhook signature, refused with a reason, idempotent.</summary>
public sealed class StartRunByHookFunctionTests : IDisposable
{
    private const string Body = """{ "environment": { "name": "env", "version": "1" }, "policy": "reference", "episodesPerScenario": 2 }""";

    private readonly TenantApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_signed_delivery_starts_the_tenants_run()
    {
        var response = await DeliverAsync(Sign(_app.Contoso.WebhookSecret));

        Assert.Equal(202, response.StatusCode);
        var run = (EvaluationRunRequest)Assert.Single(_app.Durable.Scheduled).Input!;
        Assert.Equal("contoso", run.Tenant);
        Assert.Equal(2, run.EpisodesPerScenario);
    }

    [Fact]
    public async Task The_api_key_alone_does_not_start_a_run_by_webhook()
    {
        var response = await DeliverAsync(signature: null);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("missing_signature", response.Body.GetProperty("reason").GetString());
        Assert.Empty(_app.Durable.Scheduled);
    }

    public static TheoryData<string, string> Rejections => new()
    {
        { "wrong-secret", "wrong_signature" },
        { "expired", "timestamp_outside_window" },
        { "malformed", "malformed_signature" },
        { "unknown-tenant", "unknown_tenant" },
        { "other-tenants-secret", "wrong_signature" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task A_signature_that_does_not_verify_is_a_401_with_its_reason(string kind, string reason)
    {
        var (tenant, signature) = kind switch
        {
            "wrong-secret" => ("contoso", Sign(WebhookSecret.Generate())),
            "expired" => ("contoso", WebhookSignature.Header(_app.Contoso.WebhookSecret, _app.Time.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(Body))),
            "malformed" => ("contoso", "sha256=" + Sign(_app.Contoso.WebhookSecret)),
            "unknown-tenant" => ("northwind", Sign(_app.Contoso.WebhookSecret)),
            _ => ("contoso", Sign(_app.Fabrikam.WebhookSecret)),
        };

        var response = await DeliverAsync(signature, tenant);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(reason, response.Body.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(response.Body.GetProperty("detail").GetString()));
        Assert.Empty(_app.Durable.Scheduled);
    }

    [Fact]
    public async Task A_replayed_delivery_is_a_401()
    {
        var signature = Sign(_app.Contoso.WebhookSecret);
        Assert.Equal(202, (await DeliverAsync(signature)).StatusCode);

        var replay = await DeliverAsync(signature);

        Assert.Equal(401, replay.StatusCode);
        Assert.Equal("replayed_signature", replay.Body.GetProperty("reason").GetString());
        Assert.Single(_app.Durable.Scheduled);
    }

    [Fact]
    public async Task A_redelivery_signed_afresh_with_the_same_idempotency_key_returns_the_same_run_and_starts_one()
    {
        var first = await DeliverAsync(Sign(_app.Contoso.WebhookSecret), idempotencyKey: "ci-build-981");
        var runId = first.Body.GetProperty("runId").GetString()!;
        _app.Durable.AddRun(runId, OrchestrationRuntimeStatus.Running);
        _app.Time.Advance(TimeSpan.FromSeconds(30));

        var second = await DeliverAsync(Sign(_app.Contoso.WebhookSecret), idempotencyKey: "ci-build-981");

        Assert.Equal(202, second.StatusCode);
        Assert.Equal(first.Text, second.Text);
        Assert.Single(_app.Durable.Scheduled);
    }

    [Fact]
    public async Task Webhooks_count_against_the_tenants_rate_limit()
    {
        using var app = new TenantApp(rateLimit: new RateLimitOptions { TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) });
        var bytes = Encoding.UTF8.GetBytes(Body);

        var first = await DeliverAsync(app, WebhookSignature.Header(app.Contoso.WebhookSecret, app.Time.GetUtcNow().ToUnixTimeSeconds(), bytes), "contoso", null);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await DeliverAsync(app, WebhookSignature.Header(app.Contoso.WebhookSecret, app.Time.GetUtcNow().ToUnixTimeSeconds(), bytes), "contoso", null);

        Assert.Equal(202, first.StatusCode);
        Assert.Equal(429, second.StatusCode);
        Assert.False(string.IsNullOrEmpty(second.Headers.RetryAfter.ToString()));
    }

    private string Sign(string secret) => new WebhookSigner(_app.Time).Sign(secret, Encoding.UTF8.GetBytes(Body));

    private Task<WrittenResponse> DeliverAsync(string? signature, string tenant = "contoso", string? idempotencyKey = null) =>
        DeliverAsync(_app, signature, tenant, idempotencyKey);

    private static async Task<WrittenResponse> DeliverAsync(TenantApp app, string? signature, string tenant, string? idempotencyKey)
    {
        // A webhook carries no API key: the signature is its credential.
        var request = app.Request("POST", "/api/hooks/runs", Body, apiKey: string.Empty);
        request.Headers[WebhookHeaders.Tenant] = tenant;
        if (signature is not null)
        {
            request.Headers[WebhookHeaders.Signature] = signature;
        }

        if (idempotencyKey is not null)
        {
            request.Headers[WebhookHeaders.IdempotencyKey] = idempotencyKey;
        }

        return await HttpTestContext.ExecuteAsync(await app.Hook().StartRunByHookAsync(request, app.Durable.Client, CancellationToken.None), request);
    }
}
