using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Sparring.Functions.Access;
using Sparring.Tenancy.RateLimits;
using Sparring.Tenancy.Tenants;
using Sparring.Functions.Http;
using Sparring.Functions.Tests.Access;
using Sparring.Metering.Ledger;
using Sparring.Metering.Usage;

namespace Sparring.Functions.Tests.Http;

public class UsageFunctionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);
    private readonly Mock<IUsageLedger> _ledger = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryTenantDirectory _tenants = new(new FakeTimeProvider(Now));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);

    private static UsageRecord Record(string run, string episode, DateTimeOffset finished) => new()
    {
        Tenant = "acme",
        RunId = run,
        EpisodeId = episode,
        ScenarioId = "s",
        FinishedAt = finished,
        Policy = new ParticipantUsage("gpt-4o", 1000, 100, 0.0035m, CostBasis.PriceTable),
        User = new ParticipantUsage("scripted", 0, 0, 0, CostBasis.None),
        Judge = ParticipantUsage.Absent,
        TokensEstimated = false,
        ToolCalls = 2,
        DurationMs = 900,
        PlatformFeeUsd = 0.001m,
    };

    private HttpRequest Request(string path, string query, string? tenant = "acme")
    {
        var request = HttpTestContext.Request("GET", path);
        request.QueryString = new QueryString(query);
        if (tenant is not null)
        {
            request.Headers["X-Api-Key"] = _keys.GetOrAdd(tenant, name => _tenants.Add(new TenantDefinition(name)).ApiKey);
        }

        return request;
    }

    private Task<IActionResult> GetAsync(HttpRequest request, bool csv = false)
    {
        var access = new ApiAccess(_tenants, new TenantRateLimiter(new RateLimitOptions { Enabled = false }), NullLogger<ApiAccess>.Instance);
        var function = new UsageFunction(access, _ledger.Object, _time);
        return csv ? function.GetUsageCsvAsync(request, default) : function.GetUsageAsync(request, default);
    }

    [Theory]
    [InlineData("?from=yesterday", "from", "is not an ISO 8601 date")]
    [InlineData("?to=2026-13-01", "to", "is not an ISO 8601 date")]
    [InlineData("?from=2026-11-10&to=2026-11-01", "to", "must be after from")]
    [InlineData("?from=2025-01-01&to=2026-11-01", "to", "more than 366 days")]
    [InlineData("?groupBy=week", "groupBy", "'week' is not a grouping")]
    [InlineData("?format=xml", "format", "'xml' is not a format")]
    [InlineData("?groupBy=day&groupBy=run", "groupBy", "more than once")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string parameter, string message)
    {
        var request = Request("/api/usage", query);

        var response = await HttpTestContext.ExecuteAsync(await GetAsync(request), request);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal([parameter], response.ErrorFields);
        Assert.Contains(message, Assert.Single(response.ErrorsOf(parameter)), StringComparison.Ordinal);
        _ledger.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Without_a_tenant_it_is_a_401()
    {
        var request = Request("/api/usage", string.Empty, tenant: null);

        var response = await HttpTestContext.ExecuteAsync(await GetAsync(request), request);

        Assert.Equal(401, response.StatusCode);
        _ledger.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task By_default_it_reads_the_tenants_month_so_far_episode_by_episode()
    {
        _ledger.Setup(l => l.ListAsync("acme", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), Now, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Record("r1", "a.0", Now.AddDays(-1))]);
        var request = Request("/api/usage", string.Empty);

        var response = await HttpTestContext.ExecuteAsync(await GetAsync(request), request);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("acme", response.Body.GetProperty("tenant").GetString());
        Assert.Equal(1, response.Body.GetProperty("total").GetProperty("episodes").GetInt64());
        Assert.Equal(0.0045m, response.Body.GetProperty("total").GetProperty("costUsd").GetDecimal());
        var episode = Assert.Single(response.Body.GetProperty("episodes").EnumerateArray());
        Assert.Equal("price_table", episode.GetProperty("policy").GetProperty("costBasis").GetString());
        Assert.False(response.Body.TryGetProperty("groups", out _));
    }

    [Fact]
    public async Task Grouped_by_day_it_sums_each_UTC_day_of_the_period()
    {
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);
        _ledger.Setup(l => l.ListAsync("acme", from, to, It.IsAny<CancellationToken>())).ReturnsAsync(
            [Record("r1", "a.0", from.AddHours(1)), Record("r1", "a.1", from.AddHours(2)), Record("r2", "a.0", from.AddHours(30))]);
        var request = Request("/api/usage", "?from=2026-11-01&to=2026-11-03T00:00:00Z&groupBy=day");

        var response = await HttpTestContext.ExecuteAsync(await GetAsync(request), request);

        Assert.Equal("day", response.Body.GetProperty("groupBy").GetString());
        Assert.Equal(
            [("2026-11-01", 2L), ("2026-11-02", 1L)],
            response.Body.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("group").GetString(), g.GetProperty("episodes").GetInt64())));
    }

    [Fact]
    public async Task The_csv_export_is_text_csv_grouped_by_run_as_an_attachment()
    {
        _ledger.Setup(l => l.ListAsync("acme", It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([Record("r1", "a.0", Now.AddDays(-1)), Record("r2", "a.0", Now.AddDays(-1))]);
        var request = Request("/api/usage.csv", "?groupBy=run");

        var result = Assert.IsType<ContentResult>(await GetAsync(request, csv: true));

        Assert.Equal("text/csv; charset=utf-8", result.ContentType);
        Assert.Equal("attachment; filename=\"usage-acme-20261101-20261127-by-run.csv\"", request.HttpContext.Response.Headers.ContentDisposition.ToString());
        var lines = result.Content!.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("run_id,episodes,", lines[0], StringComparison.Ordinal);
        Assert.Equal(["r1,1,", "r2,1,"], lines[1..].Select(l => l[..5]));
    }

    [Fact]
    public async Task Format_csv_on_the_json_route_gives_the_same_csv()
    {
        _ledger.Setup(l => l.ListAsync("acme", It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([Record("r1", "a.0", Now.AddDays(-1))]);

        var result = Assert.IsType<ContentResult>(await GetAsync(Request("/api/usage", "?format=csv")));

        Assert.StartsWith("tenant,run_id,episode_id,", result.Content, StringComparison.Ordinal);
    }
}
