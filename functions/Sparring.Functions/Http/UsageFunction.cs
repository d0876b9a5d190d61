using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Sparring.Functions.Access;
using Sparring.Metering.Export;
using Sparring.Metering.Json;
using Sparring.Metering.Ledger;
using Sparring.Metering.Usage;

namespace Sparring.Functions.Http;

/// <summary>
/// <c>GET /api/usage?from=&amp;to=&amp;groupBy=day|run[&amp;format=csv]</c> and <c>GET /api/usage.csv</c>: the calling
/// tenant's usage over a period, as JSON or as CSV for billing. The tenant is the API key's.
/// </summary>
public sealed class UsageFunction(ApiAccess access, IUsageLedger ledger, TimeProvider timeProvider)
{
    /// <summary>200 with a usage report (JSON); 400 naming each wrong parameter; 401 without a valid API key.</summary>
    [Function("GetUsage")]
    public Task<IActionResult> GetUsageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "usage")] HttpRequest request,
        CancellationToken cancellationToken) =>
        RespondAsync(request, csvRoute: false, cancellationToken);

    /// <summary>200 with the usage as CSV (text/csv); 400 naming each wrong parameter; 401 without a valid API key.</summary>
    [Function("GetUsageCsv")]
    public Task<IActionResult> GetUsageCsvAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "usage.csv")] HttpRequest request,
        CancellationToken cancellationToken) =>
        RespondAsync(request, csvRoute: true, cancellationToken);

    private async Task<IActionResult> RespondAsync(HttpRequest request, bool csvRoute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = await access.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        if (!caller.IsAdmitted)
        {
            return caller.Rejection;
        }

        var tenant = caller.Tenant.Id;

        var errors = new ValidationErrors();
        if (UsageQuery.Parse(request.Query, timeProvider.GetUtcNow(), csvRoute, errors) is not { } query)
        {
            return UsageProblems.Validation(errors);
        }

        var records = await ledger.ListAsync(tenant, query.From, query.To, cancellationToken).ConfigureAwait(false);
        if (!query.Csv)
        {
            return new ContentResult
            {
                StatusCode = StatusCodes.Status200OK,
                ContentType = "application/json; charset=utf-8",
                Content = JsonSerializer.Serialize(UsageReport.Of(tenant, query.From, query.To, query.GroupBy, records), MeteringJsonContext.Default.UsageReport),
            };
        }

        using var csv = new StringWriter(CultureInfo.InvariantCulture);
        if (query.GroupBy is { } grouping)
        {
            await UsageCsv.WriteAsync(csv, UsageTotals.GroupBy(records, grouping), grouping, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await UsageCsv.WriteAsync(csv, records, cancellationToken).ConfigureAwait(false);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"usage-{tenant}-{query.From:yyyyMMdd}-{query.To:yyyyMMdd}{(query.GroupBy is { } g ? $"-by-{UsageGroupings.Name(g)}" : string.Empty)}.csv");
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "text/csv; charset=utf-8", Content = csv.ToString() };
    }
}
