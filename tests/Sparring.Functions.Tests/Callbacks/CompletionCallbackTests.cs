using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Functions.Callbacks;
using Sparring.Functions.Tests.Access;
using Sparring.Functions.Tests.Http;
using Sparring.Orchestration.Contracts;
using Sparring.Tenancy.Callbacks;
using Sparring.Tenancy.Tenants;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Functions.Tests.Callbacks;

/// <summary>The activity's notifier sends the signed callback, and the run's status shows how delivery went.</summary>
public sealed class CompletionCallbackTests : IDisposable
{
    private readonly TenantApp _app = new();
    private readonly ScriptedHandler _handler = new();

    public CompletionCallbackTests()
    {
        _app.Directory.UpdateAsync("contoso", new TenantChanges(CallbackUrl: new Uri("https://ci.contoso.example/sparring")), CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_notice_goes_out_signed_with_links_to_the_run()
    {
        var status = await Notifier().NotifyAsync(Notice(), CancellationToken.None);

        Assert.Equal(CallbackRecord.Delivered, status);
        var (request, body) = Assert.Single(_handler.Requests);
        var verdict = await new WebhookVerifier(_app.Directory, new InMemoryReplayGuard(), _app.Time)
            .VerifyAsync(request.Headers.GetValues(WebhookHeaders.Tenant).Single(), request.Headers.GetValues(WebhookHeaders.Signature).Single(), body, CancellationToken.None);
        Assert.True(verdict.IsValid, verdict.Message);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("run.completed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0.5, json.RootElement.GetProperty("meanReward").GetDouble());
        Assert.Equal("https://api.example/api/runs/r1/report", json.RootElement.GetProperty("links").GetProperty("report").GetString());
    }

    [Fact]
    public async Task Failed_attempts_are_retried_and_the_final_failure_is_visible_on_the_run()
    {
        _handler.Statuses.Enqueue(HttpStatusCode.BadGateway);
        _handler.Statuses.Enqueue(HttpStatusCode.BadGateway);
        _handler.Statuses.Enqueue(HttpStatusCode.BadGateway);
        var notifier = Notifier();
        var notice = Notice() with { MaxAttempts = 3 };

        // What the Durable retry policy does: call again while the attempt throws.
        await Assert.ThrowsAsync<CallbackDeliveryException>(() => notifier.NotifyAsync(notice, CancellationToken.None));
        await Assert.ThrowsAsync<CallbackDeliveryException>(() => notifier.NotifyAsync(notice, CancellationToken.None));
        var status = await notifier.NotifyAsync(notice, CancellationToken.None);

        Assert.Equal(CallbackRecord.Failed, status);
        Assert.Equal(3, _handler.Requests.Count);
        _app.Durable.AddRun("r1", OrchestrationRuntimeStatus.Completed);
        var request = _app.Request("GET", "/api/runs/r1");
        var response = await HttpTestContext.ExecuteAsync(await _app.GetRun().GetRunAsync(request, _app.Durable.Client, "r1", CancellationToken.None), request);
        var callback = response.Body.GetProperty("callback");
        Assert.Equal("failed", callback.GetProperty("status").GetString());
        Assert.Equal(3, callback.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 502 Bad Gateway", callback.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task A_run_without_a_callback_shows_none()
    {
        _app.Durable.AddRun("r1", OrchestrationRuntimeStatus.Running);
        var request = _app.Request("GET", "/api/runs/r1");

        var response = await HttpTestContext.ExecuteAsync(await _app.GetRun().GetRunAsync(request, _app.Durable.Client, "r1", CancellationToken.None), request);

        Assert.Equal(JsonValueKind.Null, response.Body.GetProperty("callback").ValueKind);
    }

    [Fact]
    public async Task A_tenant_without_a_callback_url_is_not_called()
    {
        await _app.Directory.UpdateAsync("contoso", new TenantChanges(ClearCallbackUrl: true), CancellationToken.None);

        Assert.Equal(TenantRunCompletionNotifier.None, await Notifier().NotifyAsync(Notice(), CancellationToken.None));
        Assert.Empty(_handler.Requests);
    }

    private TenantRunCompletionNotifier Notifier() =>
        new(new CompletionCallbackSender(new HttpClient(_handler), _app.Directory, _app.Callbacks, _app.Time, NullLogger<CompletionCallbackSender>.Instance));

    private RunCompletionNotice Notice() => new("contoso", "r1", "completed", 0.5, 4, 0, _app.Time.GetUtcNow(), "https://api.example/api/runs/r1", 6);

    private sealed class ScriptedHandler : HttpMessageHandler
    {
        public Queue<HttpStatusCode> Statuses { get; } = new();

        public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            return new HttpResponseMessage(Statuses.TryDequeue(out var status) ? status : HttpStatusCode.OK);
        }
    }
}
