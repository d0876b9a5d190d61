using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sparring.Tenancy.Callbacks;
using Sparring.Tenancy.Tenants;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Tenancy.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class CompletionCallbackSenderTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TenancyTestTables.Now);
    private readonly RecordingHandler _handler = new();
    private TableTenantDirectory _directory = null!;
    private TableCallbackLog _log = null!;
    private CompletionCallbackSender _sender = null!;

    public async Task InitializeAsync()
    {
        var tables = TenancyTestTables.Create(azurite);
        _directory = TenancyTestTables.Directory(tables, _time);
        _log = new TableCallbackLog(tables);
        await _directory.CreateAsync(new TenantDefinition("contoso", CallbackUrl: new Uri("https://ci.contoso.example/sparring")), CancellationToken.None);
        _sender = new CompletionCallbackSender(new HttpClient(_handler), _directory, _log, _time, NullLogger<CompletionCallbackSender>.Instance);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_callback_is_signed_with_the_tenants_secret_and_recorded_as_delivered()
    {
        var record = await _sender.SendAsync(Callback(), maxAttempts: 3, CancellationToken.None);

        var (request, body) = Assert.Single(_handler.Requests);
        Assert.Equal(new Uri("https://ci.contoso.example/sparring"), request.RequestUri);
        Assert.Equal("contoso", request.Headers.GetValues(WebhookHeaders.Tenant).Single());
        var verifier = new WebhookVerifier(_directory, new TableReplayGuard(TenancyTestTables.Create(azurite)), _time);
        var verdict = await verifier.VerifyAsync("contoso", request.Headers.GetValues(WebhookHeaders.Signature).Single(), body, CancellationToken.None);
        Assert.True(verdict.IsValid, verdict.Message);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("run-1", json.RootElement.GetProperty("runId").GetString());
        Assert.Equal(0.75, json.RootElement.GetProperty("meanReward").GetDouble());
        Assert.Equal("https://api.example/api/runs/run-1/report", json.RootElement.GetProperty("links").GetProperty("report").GetString());
        Assert.Equal(new CallbackRecord(CallbackRecord.Delivered, 1, null, TenancyTestTables.Now, TenancyTestTables.Now), record);
        Assert.Equal(record, await _log.GetAsync("contoso", "run-1", CancellationToken.None));
    }

    [Fact]
    public async Task Failed_attempts_throw_for_a_retry_until_the_last_which_records_the_failure()
    {
        _handler.Status = HttpStatusCode.ServiceUnavailable;

        var first = await Assert.ThrowsAsync<CallbackDeliveryException>(() => _sender.SendAsync(Callback(), 3, CancellationToken.None));
        Assert.Contains("attempt 1 of 3", first.Message, StringComparison.Ordinal);
        Assert.Equal(CallbackRecord.Retrying, (await _log.GetAsync("contoso", "run-1", CancellationToken.None))?.Status);
        await Assert.ThrowsAsync<CallbackDeliveryException>(() => _sender.SendAsync(Callback(), 3, CancellationToken.None));
        var last = await _sender.SendAsync(Callback(), 3, CancellationToken.None);

        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal(CallbackRecord.Failed, last?.Status);
        Assert.Equal(3, last?.Attempts);
        Assert.Equal("HTTP 503 Service Unavailable", last?.LastError);
        Assert.Equal(last, await _log.GetAsync("contoso", "run-1", CancellationToken.None));
    }

    [Fact]
    public async Task A_retry_that_succeeds_is_delivered_and_a_later_attempt_sends_nothing_more()
    {
        _handler.Status = HttpStatusCode.InternalServerError;
        await Assert.ThrowsAsync<CallbackDeliveryException>(() => _sender.SendAsync(Callback(), 3, CancellationToken.None));
        _handler.Status = HttpStatusCode.OK;

        var delivered = await _sender.SendAsync(Callback(), 3, CancellationToken.None);
        var again = await _sender.SendAsync(Callback(), 3, CancellationToken.None);

        Assert.Equal(CallbackRecord.Delivered, delivered?.Status);
        Assert.Equal(2, delivered?.Attempts);
        Assert.Equal("HTTP 500 Internal Server Error", delivered?.LastError);
        Assert.Equal(delivered, again);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task A_tenant_without_a_callback_url_gets_nothing()
    {
        await _directory.UpdateAsync("contoso", new TenantChanges(ClearCallbackUrl: true), CancellationToken.None);

        Assert.Null(await _sender.SendAsync(Callback(), 3, CancellationToken.None));
        Assert.Empty(_handler.Requests);
    }

    private static RunCompletedCallback Callback() => new(
        RunCompletedCallback.RunCompleted, "run-1", "contoso", "completed", 0.75, 8, 0, TenancyTestTables.Now,
        new CallbackLinks("https://api.example/api/runs/run-1", "https://api.example/api/runs/run-1/report"));

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public HttpStatusCode Status { get; set; } = HttpStatusCode.NoContent;

        public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            return new HttpResponseMessage(Status);
        }
    }
}
