using Microsoft.AspNetCore.Mvc;

namespace Sparring.Functions.Access;

/// <summary>A problem details response that also sets response headers (Retry-After, WWW-Authenticate).</summary>
internal sealed class ProblemResult : ObjectResult
{
    private readonly IReadOnlyDictionary<string, string> _headers;

    public ProblemResult(ProblemDetails problem, IReadOnlyDictionary<string, string>? headers = null)
        : base(problem)
    {
        StatusCode = problem.Status;
        _headers = headers ?? new Dictionary<string, string>();
    }

    public override Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (name, value) in _headers)
        {
            context.HttpContext.Response.Headers[name] = value;
        }

        return base.ExecuteResultAsync(context);
    }
}
