using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Sparring.Functions.Tests.Http;

/// <summary>Requests as the ASP.NET Core integration hands them to a function, and responses as it writes them.</summary>
internal static class HttpTestContext
{
    public const string Host = "sparring.example.net";

    public static HttpRequest Request(string method, string path, string? body = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString(Host);
        context.Request.Path = path;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        return context.Request;
    }

    /// <summary>Runs the result as the integration does (MVC's executors), and reads back status, headers and body.</summary>
    public static async Task<WrittenResponse> ExecuteAsync(IActionResult result, HttpRequest request)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMvcCore();
        await using var provider = services.BuildServiceProvider();
        var context = request.HttpContext;
        context.RequestServices = provider;
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        var text = Encoding.UTF8.GetString(body.ToArray());
        return new WrittenResponse(context.Response.StatusCode, context.Response.Headers, text, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }
}

/// <summary>A response as the client receives it.</summary>
internal sealed record WrittenResponse(int StatusCode, IHeaderDictionary Headers, string Text, JsonElement? Json)
{
    public JsonElement Body => Json ?? throw new InvalidOperationException("The response has no body.");

    public string ContentType => Headers.ContentType.ToString();

    /// <summary>The messages of a problem's errors for one field.</summary>
    public IReadOnlyList<string> ErrorsOf(string field) =>
        Body.GetProperty("errors").TryGetProperty(field, out var messages) ? [.. messages.EnumerateArray().Select(m => m.GetString()!)] : [];

    public IReadOnlyList<string> ErrorFields => [.. Body.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
}
