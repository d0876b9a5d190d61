using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Tenants;
using Sparring.Engine.Environments;
using Sparring.Functions.Http;
using Sparring.Metering.Ledger;
using Sparring.Metering.Quotas;
using Sparring.Orchestration.Contracts;
using Sparring.Orchestration.Services;

namespace Sparring.Functions.Tests.Http;

public class RunQuotaCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    private sealed class PathSource : IEnvironmentSource
    {
        public Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken) => Task.FromResult(reference.Path!);
    }

    private static RunQuotaCheck Check(long? episodesPerMonth, long used)
    {
        var quotas = new Mock<ITenantQuotas>();
        quotas.Setup(q => q.GetQuotaAsync("acme", It.IsAny<CancellationToken>())).ReturnsAsync(new TenantQuota(episodesPerMonth));
        var ledger = new Mock<IUsageLedger>();
        ledger.Setup(l => l.CountEpisodesInMonthAsync("acme", Now, It.IsAny<CancellationToken>())).ReturnsAsync(used);
        return new RunQuotaCheck(new EnvironmentCatalog(new PathSource(), new EnvironmentLoader()), new EpisodeQuota(quotas.Object, ledger.Object), new FakeTimeProvider(Now), NullLogger<RunQuotaCheck>.Instance);
    }

    private static EvaluationRunRequest Run(int k) => new()
    {
        RunId = "r1",
        Tenant = "acme",
        Environment = new EnvironmentReference(RepositoryPaths.Environment("medical-supply-support")),
        Models = new ModelSelection("reference"),
        EpisodesPerScenario = k,
    };

    [Fact]
    public async Task A_run_that_would_exceed_the_quota_is_a_429_saying_what_is_left_and_what_it_needs()
    {
        var request = HttpTestContext.Request("POST", "/api/runs");

        var rejection = await Check(1_000, 880).RejectAsync(Run(8), default);

        var response = await HttpTestContext.ExecuteAsync(rejection!, request);
        Assert.Equal(429, response.StatusCode);
        Assert.Equal("tenant 'acme' has 120 of its 1,000 episodes left this month; this run needs 400", response.Body.GetProperty("detail").GetString());
        Assert.Equal(120, response.Body.GetProperty("episodesLeft").GetInt64());
        Assert.Equal(400, response.Body.GetProperty("episodesNeeded").GetInt64());
    }

    [Fact]
    public async Task A_run_that_fits_is_allowed()
    {
        Assert.Null(await Check(1_000, 880).RejectAsync(Run(2), default));
        Assert.Null(await Check(null, 1_000_000).RejectAsync(Run(10), default));
    }
}
