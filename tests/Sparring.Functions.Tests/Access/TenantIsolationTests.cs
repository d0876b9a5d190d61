using Microsoft.DurableTask.Client;
using Moq;
using Sparring.Abstractions.Storage;
using Sparring.Functions.Tests.Http;

namespace Sparring.Functions.Tests.Access;

/// <summary>A tenant sees only its own runs: another tenant's run answers exactly as a run that does not exist.</summary>
public sealed class TenantIsolationTests : IDisposable
{
    private readonly TenantApp _app = new();

    public TenantIsolationTests()
    {
        _app.Durable.AddRun("alpha-run", OrchestrationRuntimeStatus.Running);
        _app.Durable.AddRun("alpha-done", OrchestrationRuntimeStatus.Completed);
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Another_tenant_cannot_see_the_run()
    {
        var mine = await GetAsync("alpha-run", _app.Contoso.ApiKey);
        var theirs = await GetAsync("alpha-run", _app.Fabrikam.ApiKey);
        var none = await GetAsync("no-such-run", _app.Fabrikam.ApiKey);

        Assert.Equal(200, mine.StatusCode);
        Assert.Equal(404, theirs.StatusCode);
        Assert.Equal(none.Body.GetProperty("title").GetString(), theirs.Body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Another_tenant_cannot_fetch_the_report()
    {
        _app.Store.Setup(s => s.ReadReportAsync(It.IsAny<RunKey>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("the report must not be read"));
        var request = _app.Request("GET", "/api/runs/alpha-done/report", apiKey: _app.Fabrikam.ApiKey);

        var response = await HttpTestContext.ExecuteAsync(await _app.GetReport().GetRunReportAsync(request, _app.Durable.Client, "alpha-done", CancellationToken.None), request);

        Assert.Equal(404, response.StatusCode);
        _app.Store.Verify(s => s.ReadReportAsync(It.IsAny<RunKey>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Another_tenant_cannot_cancel_the_run()
    {
        var request = _app.Request("POST", "/api/runs/alpha-run/cancel", apiKey: _app.Fabrikam.ApiKey);

        var response = await HttpTestContext.ExecuteAsync(await _app.CancelRun().CancelRunAsync(request, _app.Durable.Client, "alpha-run", CancellationToken.None), request);

        Assert.Equal(404, response.StatusCode);
        Assert.Empty(_app.Durable.Terminated);
    }

    [Fact]
    public async Task Another_tenant_cannot_restart_the_run_id_over_the_owners_run()
    {
        var request = _app.Request("POST", "/api/runs", """{ "runId": "alpha-done", "environment": { "name": "env", "version": "1" }, "policy": "reference" }""", _app.Fabrikam.ApiKey);

        var response = await HttpTestContext.ExecuteAsync(await _app.StartRun().StartRunAsync(request, _app.Durable.Client, CancellationToken.None), request);

        Assert.Equal(409, response.StatusCode);
        Assert.DoesNotContain("contoso", response.Text, StringComparison.Ordinal);
        Assert.Empty(_app.Durable.Scheduled);
    }

    private async Task<WrittenResponse> GetAsync(string id, string key)
    {
        var request = _app.Request("GET", $"/api/runs/{id}", apiKey: key);
        return await HttpTestContext.ExecuteAsync(await _app.GetRun().GetRunAsync(request, _app.Durable.Client, id, CancellationToken.None), request);
    }
}
