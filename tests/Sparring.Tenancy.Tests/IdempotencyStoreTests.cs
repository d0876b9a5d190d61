using Microsoft.Extensions.Time.Testing;
using Sparring.Tenancy.Idempotency;

namespace Sparring.Tenancy.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class IdempotencyStoreTests(AzuriteFixture azurite)
{
    private readonly TableIdempotencyStore _store = new(TenancyTestTables.Create(azurite), new FakeTimeProvider(TenancyTestTables.Now));

    [Fact]
    public async Task The_first_claim_binds_the_key_and_a_repeat_gets_the_same_run()
    {
        var first = await _store.ClaimAsync("contoso", "deploy-42/eval", "hash-a", "run-1", CancellationToken.None);
        var repeat = await _store.ClaimAsync("contoso", "deploy-42/eval", "hash-a", "run-2", CancellationToken.None);

        Assert.Equal(new IdempotencyClaim("run-1", IsNew: true, BodyMatches: true), first);
        Assert.Equal(new IdempotencyClaim("run-1", IsNew: false, BodyMatches: true), repeat);
    }

    [Fact]
    public async Task The_same_key_with_another_body_does_not_match()
    {
        await _store.ClaimAsync("contoso", "k", "hash-a", "run-1", CancellationToken.None);

        var other = await _store.ClaimAsync("contoso", "k", "hash-b", "run-2", CancellationToken.None);

        Assert.False(other.BodyMatches);
        Assert.Equal("run-1", other.RunId);
    }

    [Fact]
    public async Task Keys_are_per_tenant()
    {
        await _store.ClaimAsync("contoso", "k", "hash-a", "run-1", CancellationToken.None);

        Assert.True((await _store.ClaimAsync("fabrikam", "k", "hash-a", "run-2", CancellationToken.None)).IsNew);
    }

    [Fact]
    public async Task Concurrent_deliveries_bind_the_key_once()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _store.ClaimAsync("contoso", "race", "hash", $"run-{i}", CancellationToken.None)));

        Assert.Single(claims, c => c.IsNew);
        Assert.Single(claims.Select(c => c.RunId).Distinct());
    }
}
