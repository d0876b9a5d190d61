using Moq;
using Microsoft.DurableTask.Client;
using Sparring.Abstractions.Tenants;
using Sparring.Functions.Tests.Access;
using Sparring.Orchestration.Contracts;

namespace Sparring.Functions.Tests.Http;

/// <summary>POST /api/runs acts for the key's tenant: the body's tenant, idempotency keys and the concurrent-runs quota.</summary>
public sealed class StartRunTenancyTests : IDisposable
{
    private const string Body = """{ "environment": { "name": "env", "version": "1" }, "policy": "reference" }""";

    private readonly TenantApp _app = new(contosoQuota: new TenantQuota(ConcurrentRuns: 2));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_run_belongs_to_the_keys_tenant_and_asks_for_the_completion_callback()
    {
        var response = await PostAsync(Body, _app.Fabrikam.ApiKey);

        Assert.Equal(202, response.StatusCode);
        var run = (EvaluationRunRequest)Assert.Single(_app.Durable.Scheduled).Input!;
        Assert.Equal("fabrikam", run.Tenant);
        Assert.Equal("fabrikam", response.Body.GetProperty("tenant").GetString());
        Assert.Equal($"https://{HttpTestContext.Host}/api/runs/{run.RunId}", run.Callback?.RunUrl);
    }

    [Fact]
    public async Task A_body_naming_another_tenant_is_a_403_and_nothing_starts()
    {
        var response = await PostAsync("""{ "tenant": "contoso", "environment": { "name": "env", "version": "1" }, "policy": "reference" }""", _app.Fabrikam.ApiKey);

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("tenant_mismatch", response.Body.GetProperty("reason").GetString());
        Assert.Empty(_app.Durable.Scheduled);
    }

    [Fact]
    public async Task A_body_naming_the_callers_own_tenant_is_accepted()
    {
        Assert.Equal(202, (await PostAsync("""{ "tenant": "contoso", "environment": { "name": "env", "version": "1" }, "policy": "reference" }""")).StatusCode);
    }

    [Fact]
    public async Task Past_the_concurrent_runs_quota_a_start_is_a_429_saying_so()
    {
        _app.Durable.AddRun("a", OrchestrationRuntimeStatus.Running);
        _app.Durable.AddRun("b", OrchestrationRuntimeStatus.Pending);
        _app.Durable.AddRun("done", OrchestrationRuntimeStatus.Completed);
        _app.Durable.AddRun("theirs", OrchestrationRuntimeStatus.Running, tenant: "fabrikam");

        var refused = await PostAsync(Body);
        var otherTenant = await PostAsync(Body, _app.Fabrikam.ApiKey);

        Assert.Equal(429, refused.StatusCode);
        Assert.Equal("quota_exceeded", refused.Body.GetProperty("reason").GetString());
        Assert.Contains("2 runs going and a quota of 2 concurrent runs", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(202, otherTenant.StatusCode);
        Assert.Equal("fabrikam", ((EvaluationRunRequest)Assert.Single(_app.Durable.Scheduled).Input!).Tenant);
    }

    [Fact]
    public async Task A_run_that_needs_more_episodes_than_the_month_has_left_is_a_429_with_the_numbers()
    {
        using var app = new TenantApp(contosoQuota: new TenantQuota(EpisodesPerMonth: 1_000));
        app.Ledger.Setup(l => l.CountEpisodesInMonthAsync("contoso", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(900L);
        var refused = await PostAsync("""{ "environment": { "name": "medical-supply-support", "version": "1.0.0" }, "policy": "reference", "episodesPerScenario": 4 }""", app: app);
        var fits = await PostAsync("""{ "environment": { "name": "medical-supply-support", "version": "1.0.0" }, "policy": "reference", "episodesPerScenario": 2 }""", app: app);

        Assert.Equal(429, refused.StatusCode);
        Assert.Contains("has 100 of its 1,000 episodes left this month; this run needs 200", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(202, fits.StatusCode);
        Assert.Single(app.Durable.Scheduled);
    }

    [Fact]
    public async Task Under_the_quota_a_start_goes_ahead()
    {
        _app.Durable.AddRun("a", OrchestrationRuntimeStatus.Running);

        Assert.Equal(202, (await PostAsync(Body)).StatusCode);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_returns_the_same_run_and_schedules_it_once()
    {
        var first = await PostAsync(Body, idempotencyKey: "deploy-7");
        var runId = first.Body.GetProperty("runId").GetString()!;
        _app.Durable.AddRun(runId, OrchestrationRuntimeStatus.Running);
        _app.Time.Advance(TimeSpan.FromSeconds(5));

        var second = await PostAsync(Body, idempotencyKey: "deploy-7");

        Assert.Equal(202, second.StatusCode);
        Assert.Equal(first.Text, second.Text);
        Assert.Single(_app.Durable.Scheduled);
    }

    [Fact]
    public async Task A_repeated_key_whose_first_delivery_never_scheduled_schedules_the_same_run_id()
    {
        await _app.Idempotency.ClaimAsync("contoso", "k", Sparring.Tenancy.Idempotency.IdempotencyKeys.BodyHash(System.Text.Encoding.UTF8.GetBytes(Body)), "run-from-before", CancellationToken.None);

        var response = await PostAsync(Body, idempotencyKey: "k");

        Assert.Equal("run-from-before", response.Body.GetProperty("runId").GetString());
        Assert.Equal("run-from-before", Assert.Single(_app.Durable.Scheduled).Options?.InstanceId);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422()
    {
        await PostAsync(Body, idempotencyKey: "deploy-7");

        var response = await PostAsync("""{ "environment": { "name": "env", "version": "2" }, "policy": "reference" }""", idempotencyKey: "deploy-7");

        Assert.Equal(422, response.StatusCode);
        Assert.Equal("idempotency_key_reused", response.Body.GetProperty("reason").GetString());
        Assert.Contains("different body", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(_app.Durable.Scheduled);
    }

    [Fact]
    public async Task An_idempotency_key_that_breaks_the_rule_is_a_400()
    {
        var response = await PostAsync(Body, idempotencyKey: new string('k', 256));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(["header Idempotency-Key"], response.ErrorFields);
    }

    private async Task<WrittenResponse> PostAsync(string body, string? apiKey = null, string? idempotencyKey = null, TenantApp? app = null)
    {
        app ??= _app;
        var request = app.Request("POST", "/api/runs", body, apiKey);
        if (idempotencyKey is not null)
        {
            request.Headers["Idempotency-Key"] = idempotencyKey;
        }

        return await HttpTestContext.ExecuteAsync(await app.StartRun().StartRunAsync(request, app.Durable.Client, CancellationToken.None), request);
    }
}
