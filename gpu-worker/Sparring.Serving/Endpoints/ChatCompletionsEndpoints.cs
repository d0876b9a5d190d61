using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Serving.Errors;
using Sparring.Serving.Models;
using Sparring.Serving.Protocol;

namespace Sparring.Serving.Endpoints;

/// <summary>Maps the OpenAI-compatible endpoints onto any ASP.NET Core app.</summary>
public static class ChatCompletionsEndpoints
{
    /// <summary>
    /// Maps POST /v1/chat/completions and GET /v1/models for <paramref name="models"/>, and answers any other path
    /// under /v1 with an OpenAI-shaped 404. Logging and the clock come from the app's services when it has them.
    /// </summary>
    public static IEndpointRouteBuilder MapChatCompletions(this IEndpointRouteBuilder endpoints, IServedModels models)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(models);
        var services = endpoints.ServiceProvider;
        var logging = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        var handler = new ChatCompletionsHandler(models, time, stopping, logging.CreateLogger<ChatCompletionsHandler>());
        var started = time.GetUtcNow().ToUnixTimeSeconds();

        endpoints.MapPost("/v1/chat/completions", handler.HandleAsync);
        endpoints.MapGet("/v1/models", context => ListAsync(context, models, started));
        endpoints.MapFallback("/v1/{**path}", context => ErrorWriter.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            new ErrorDetail($"Unknown request URL: {context.Request.Method} {context.Request.Path}.", "invalid_request_error", null, "unknown_url"),
            context.RequestAborted));
        return endpoints;
    }

    private static Task ListAsync(HttpContext context, IServedModels models, long created)
    {
        var list = new ModelList("list", [.. models.Ids.Select(id => new ModelEntry(id, "model", created, "sparring"))]);
        return Results.Json(list, ServingJsonContext.Default.ModelList).ExecuteAsync(context);
    }
}
