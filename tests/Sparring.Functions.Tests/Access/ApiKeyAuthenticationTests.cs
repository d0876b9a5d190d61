using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Sparring.Functions.Tests.Http;
using Sparring.Tenancy.RateLimits;

namespace Sparring.Functions.Tests.Access;

/// <summary>Every endpoint wants a current API key of a tenant, and limits each tenant's request rate.</summary>
public sealed class ApiKeyAuthenticationTests : IDisposable
{
    private readonly TenantApp _app = new();

    public ApiKeyAuthenticationTests()
    {
        _app.Durable.AddRun("r1", OrchestrationRuntimeStatus.Completed);
    }

    public static TheoryData<string> Endpoints => ["start", "get", "report", "cancel"];

    public void Dispose() => _app.Dispose();

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_key_every_endpoint_is_a_401_saying_how_to_send_one(string endpoint)
    {
        var response = await CallAsync(_app, endpoint, request => request.Headers.Authorization = string.Empty);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("missing_api_key", response.Body.GetProperty("reason").GetString());
        Assert.Contains("Authorization: Bearer", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WWWAuthenticate.ToString());
        Assert.Empty(_app.Durable.Scheduled);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_wrong_key_is_a_401_on_every_endpoint(string endpoint)
    {
        var forged = "spk_contoso_" + new string('A', 32);

        var response = await CallAsync(_app, endpoint, request => request.Headers.Authorization = $"Bearer {forged}");

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("invalid_api_key", response.Body.GetProperty("reason").GetString());
        Assert.Empty(_app.Durable.Scheduled);
        Assert.Empty(_app.Durable.Terminated);
    }

    [Fact]
    public async Task The_key_may_come_in_X_Api_Key()
    {
        var response = await CallAsync(_app, "get", request =>
        {
            request.Headers.Authorization = string.Empty;
            request.Headers["X-Api-Key"] = _app.Contoso.ApiKey;
        });

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task A_rotated_key_stops_working_and_the_new_one_works()
    {
        var rotated = await _app.Directory.RotateApiKeyAsync("contoso", CancellationToken.None);

        var old = await CallAsync(_app, "get", _ => { });
        var fresh = await CallAsync(_app, "get", request => request.Headers.Authorization = $"Bearer {rotated}");

        Assert.Equal(401, old.StatusCode);
        Assert.Equal(200, fresh.StatusCode);
    }

    [Fact]
    public async Task A_tenant_past_its_rate_limit_gets_429_with_Retry_After_while_others_go_on()
    {
        using var app = new TenantApp(rateLimit: new RateLimitOptions { TokenLimit = 2, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) });
        app.Durable.AddRun("r1", OrchestrationRuntimeStatus.Completed);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await CallAsync(app, "get", _ => { })).StatusCode);
        }

        var limited = await CallAsync(app, "get", _ => { });
        var other = await CallAsync(app, "get", request => request.Headers.Authorization = $"Bearer {app.Fabrikam.ApiKey}");

        Assert.Equal([200, 200, 429], statuses);
        Assert.Equal(429, limited.StatusCode);
        Assert.Equal("rate_limited", limited.Body.GetProperty("reason").GetString());
        Assert.InRange(int.Parse(limited.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(404, other.StatusCode);
    }

    private static async Task<WrittenResponse> CallAsync(TenantApp app, string endpoint, Action<HttpRequest> change)
    {
        var (method, path) = endpoint switch
        {
            "start" => ("POST", "/api/runs"),
            "get" => ("GET", "/api/runs/r1"),
            "report" => ("GET", "/api/runs/r1/report"),
            _ => ("POST", "/api/runs/r1/cancel"),
        };
        var request = app.Request(method, path, endpoint == "start" ? """{ "environment": { "name": "env", "version": "1" }, "policy": "reference" }""" : null);
        change(request);
        IActionResult result = endpoint switch
        {
            "start" => await app.StartRun().StartRunAsync(request, app.Durable.Client, CancellationToken.None),
            "get" => await app.GetRun().GetRunAsync(request, app.Durable.Client, "r1", CancellationToken.None),
            "report" => await app.GetReport().GetRunReportAsync(request, app.Durable.Client, "r1", CancellationToken.None),
            _ => await app.CancelRun().CancelRunAsync(request, app.Durable.Client, "r1", CancellationToken.None),
        };
        return await HttpTestContext.ExecuteAsync(result, request);
    }
}
