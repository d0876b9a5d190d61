using Microsoft.AspNetCore.Http;

namespace Sparring.Functions.Http;

/// <summary>Where a run's status, report and cancel endpoints are.</summary>
/// <param name="Self">GET: the run's status and progress.</param>
/// <param name="Report">GET: report.json once the run completed.</param>
/// <param name="Cancel">POST: stops the run.</param>
public sealed record RunLinks(string Self, string Report, string Cancel)
{
    /// <summary>The route prefix of every HTTP function: host.json's <c>extensions.http.routePrefix</c>.</summary>
    internal const string RoutePrefix = "api";

    /// <summary>Absolute links on the host the request came to.</summary>
    internal static RunLinks For(HttpRequest request, string runId)
    {
        var self = $"{request.Scheme}://{request.Host}{request.PathBase}/{RoutePrefix}/runs/{Uri.EscapeDataString(runId)}";
        return new RunLinks(self, self + "/report", self + "/cancel");
    }
}
