using System.Text;
using Microsoft.Extensions.Time.Testing;
using Sparring.Tenancy.Tenants;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Tenancy.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class WebhookVerifierTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"environment":{"name":"support","version":"1"},"policy":"reference"}""");

    private readonly FakeTimeProvider _time = new(TenancyTestTables.Now);
    private WebhookVerifier _verifier = null!;
    private string _secret = null!;

    public async Task InitializeAsync()
    {
        var tables = TenancyTestTables.Create(azurite);
        var directory = TenancyTestTables.Directory(tables, _time);
        _secret = (await directory.CreateAsync(new TenantDefinition("contoso"), CancellationToken.None)).WebhookSecret;
        _verifier = new WebhookVerifier(directory, new TableReplayGuard(tables), _time);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_fresh_signature_of_the_body_with_the_tenants_secret_is_valid()
    {
        var verdict = await VerifyAsync(new WebhookSigner(_time).Sign(_secret, Body));

        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal("contoso", verdict.Tenant?.Id);
    }

    [Fact]
    public async Task The_signature_is_the_documented_hmac_of_timestamp_dot_body()
    {
        // What docs/webhooks.md's openssl example computes: printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$secret".
        var t = _time.GetUtcNow().ToUnixTimeSeconds();
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(_secret));
        var hex = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{t}.{Encoding.UTF8.GetString(Body)}")));

        var verdict = await VerifyAsync($"t={t},v1={hex}");

        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_is_wrong()
    {
        var verdict = await VerifyAsync(new WebhookSigner(_time).Sign(WebhookSecret.Generate(), Body));

        Assert.Equal(WebhookRejection.WrongSignature, verdict.Rejection);
        Assert.Equal("wrong_signature", verdict.ReasonCode);
    }

    [Fact]
    public async Task A_changed_body_no_longer_matches()
    {
        var signature = new WebhookSigner(_time).Sign(_secret, Body);

        var verdict = await _verifier.VerifyAsync("contoso", signature, Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.Equal(WebhookRejection.WrongSignature, verdict.Rejection);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task A_timestamp_more_than_five_minutes_away_is_refused(int seconds)
    {
        var t = _time.GetUtcNow().AddSeconds(seconds).ToUnixTimeSeconds();

        var verdict = await VerifyAsync(WebhookSignature.Header(_secret, t, Body));

        Assert.Equal(WebhookRejection.TimestampOutsideWindow, verdict.Rejection);
        Assert.Contains("±300 s", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timestamp_within_five_minutes_is_accepted()
    {
        var t = _time.GetUtcNow().AddSeconds(-299).ToUnixTimeSeconds();

        Assert.True((await VerifyAsync(WebhookSignature.Header(_secret, t, Body))).IsValid);
    }

    [Fact]
    public async Task The_same_signature_twice_is_a_replay()
    {
        var signature = new WebhookSigner(_time).Sign(_secret, Body);
        Assert.True((await VerifyAsync(signature)).IsValid);

        var replay = await VerifyAsync(signature);

        Assert.Equal(WebhookRejection.ReplayedSignature, replay.Rejection);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await VerifyAsync(new WebhookSigner(_time).Sign(_secret, Body))).IsValid);
    }

    [Theory]
    [InlineData("v1=abc")]
    [InlineData("t=123")]
    [InlineData("t=abc,v1=00")]
    [InlineData("t=1764158400,v1=zz")]
    [InlineData("garbage")]
    public async Task Malformed_signature_headers_are_refused_with_what_is_wrong(string header)
    {
        var verdict = await VerifyAsync(header);

        Assert.Equal(WebhookRejection.MalformedSignature, verdict.Rejection);
        Assert.Contains("t=<unix seconds>,v1=<64 hex digits>", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_signature_or_tenant_header_is_refused()
    {
        var signature = new WebhookSigner(_time).Sign(_secret, Body);

        var noSignature = await _verifier.VerifyAsync("contoso", null, Body, CancellationToken.None);
        var noTenant = await _verifier.VerifyAsync(null, signature, Body, CancellationToken.None);

        Assert.Equal(WebhookRejection.MissingSignature, noSignature.Rejection);
        Assert.Contains(WebhookHeaders.Signature, noSignature.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookRejection.MissingSignature, noTenant.Rejection);
        Assert.Contains(WebhookHeaders.Tenant, noTenant.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_tenant_is_refused()
    {
        var verdict = await _verifier.VerifyAsync("fabrikam", new WebhookSigner(_time).Sign(_secret, Body), Body, CancellationToken.None);

        Assert.Equal(WebhookRejection.UnknownTenant, verdict.Rejection);
    }

    private Task<WebhookVerification> VerifyAsync(string signature) => _verifier.VerifyAsync("contoso", signature, Body, CancellationToken.None);
}
