using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Tenants;
using Sparring.Engine.Environments;
using Sparring.Functions.Access;
using Sparring.Metering.Ledger;
using Sparring.Metering.Quotas;
using Sparring.Orchestration.Services;
using Sparring.Functions.Http;
using Sparring.Functions.Tests.Http;
using Sparring.Tenancy.RateLimits;
using Sparring.Tenancy.Tenants;
using Sparring.Tenancy.Webhooks;

namespace Sparring.Functions.Tests.Access;

/// <summary>Environments named by path: the runs' bodies point at the repository's environments.</summary>
internal sealed class PathSource : IEnvironmentSource
{
    public Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken) =>
        Task.FromResult(reference.Path ?? (reference.Name == "medical-supply-support" ? RepositoryPaths.Environment("medical-supply-support") : throw new EnvironmentNotFoundException($"environment {reference} is not stored in this test")));
}

/// <summary>
/// The HTTP functions wired as the app wires them, over in-memory tenancy and the Durable client fake, with two
/// tenants: contoso (the runs <see cref="DurableClientFake"/> adds belong to it) and fabrikam.
/// </summary>
internal sealed class TenantApp : IDisposable
{
    private readonly TenantRateLimiter _limiter;

    public TenantApp(TenantQuota? contosoQuota = null, RateLimitOptions? rateLimit = null, DateTimeOffset? now = null)
    {
        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Directory = new InMemoryTenantDirectory(Time);
        Contoso = Directory.Add(new TenantDefinition("contoso", Quota: contosoQuota));
        Fabrikam = Directory.Add(new TenantDefinition("fabrikam"));
        _limiter = new TenantRateLimiter(rateLimit ?? new RateLimitOptions { Enabled = false });
        Access = new ApiAccess(Directory, _limiter, NullLogger<ApiAccess>.Instance);
        Ledger.Setup(l => l.CountEpisodesInMonthAsync(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(0L);
        var episodeQuota = new RunQuotaCheck(
            new EnvironmentCatalog(new PathSource(), new EnvironmentLoader()), new EpisodeQuota(Directory, Ledger.Object), Time, NullLogger<RunQuotaCheck>.Instance);
        Starter = new RunStarter(Idempotency, episodeQuota, Time, NullLogger<RunStarter>.Instance);
    }

    public FakeTimeProvider Time { get; }

    /// <summary>The usage ledger: no episode used this month unless a test says otherwise.</summary>
    public Mock<IUsageLedger> Ledger { get; } = new();

    public DurableClientFake Durable { get; } = new();

    public InMemoryTenantDirectory Directory { get; }

    public InMemoryIdempotencyStore Idempotency { get; } = new();

    public InMemoryCallbackLog Callbacks { get; } = new();

    public InMemoryReplayGuard Replays { get; } = new();

    public Mock<ITrajectoryStore> Store { get; } = new();

    public ApiAccess Access { get; }

    public RunStarter Starter { get; }

    public TenantCreated Contoso { get; }

    public TenantCreated Fabrikam { get; }

    public StartRunFunction StartRun() => new(Access, Starter);

    public GetRunFunction GetRun() => new(Access, Callbacks);

    public GetRunReportFunction GetReport() => new(Access, Store.Object);

    public CancelRunFunction CancelRun() => new(Access, Time, NullLogger<CancelRunFunction>.Instance);

    public StartRunByHookFunction Hook() => new(new WebhookVerifier(Directory, Replays, Time), Access, Starter, NullLogger<StartRunByHookFunction>.Instance);

    /// <summary>A request with contoso's key (or <paramref name="apiKey"/>; none when empty).</summary>
    public HttpRequest Request(string method, string path, string? body = null, string? apiKey = null)
    {
        var request = HttpTestContext.Request(method, path, body);
        if ((apiKey ?? Contoso.ApiKey) is { Length: > 0 } key)
        {
            request.Headers.Authorization = $"Bearer {key}";
        }

        return request;
    }

    public void Dispose() => _limiter.Dispose();
}
