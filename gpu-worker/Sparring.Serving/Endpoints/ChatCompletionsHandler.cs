using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Sparring.Serving.Errors;
using Sparring.Serving.Models;
using Sparring.Serving.Protocol;
using Sparring.Serving.Translation;

namespace Sparring.Serving.Endpoints;

/// <summary>POST /v1/chat/completions: validates, resolves the model, asks its chat client, answers as JSON or as server-sent events.</summary>
internal sealed class ChatCompletionsHandler(IServedModels models, TimeProvider time, CancellationToken stopping, ILogger<ChatCompletionsHandler> logger)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>Answers one request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var started = Stopwatch.GetTimestamp();
        // A caller hanging up, or the server stopping, stops generation.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = cancel.Token;
        string? model = null;
        try
        {
            var request = RequestTranslator.Translate(await RequestReader.ReadAsync(context.Request.Body, cancellationToken).ConfigureAwait(false));
            model = request.Model;
            var client = await models.FindAsync(request.Model, cancellationToken).ConfigureAwait(false)
                ?? throw ApiErrorException.ModelNotFound(request.Model, models.Ids);
            var created = time.GetUtcNow().ToUnixTimeSeconds();
            var outcome = request.Stream
                ? await StreamAsync(context, client, request, id, created, cancellationToken).ConfigureAwait(false)
                : await CompleteAsync(context, client, request, id, created, cancellationToken).ConfigureAwait(false);
            logger.LogInformation(
                "{RequestId} model {Model} stream {Stream}: finish {FinishReason}, tokens {Tokens}, {ElapsedMs:0} ms",
                id, model, request.Stream, outcome.FinishReason, outcome.Usage is { } usage ? $"{usage.PromptTokens}+{usage.CompletionTokens}" : "not reported", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (ApiErrorException ex)
        {
            logger.LogWarning("{RequestId} model {Model} refused with {Status}: {Message}", id, model, ex.StatusCode, ex.Message);
            if (!context.Response.HasStarted)
            {
                await ErrorWriter.WriteAsync(context, ex.StatusCode, ex.Error, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("{RequestId} model {Model} cancelled after {ElapsedMs:0} ms ({Reason})", id, model, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.RequestAborted.IsCancellationRequested ? "caller went away" : "server stopping");
            if (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                await ErrorWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new ErrorDetail("The server is shutting down.", "server_error", null, "server_shutting_down"), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // The caller gets the request id and no internals; the log gets the exception.
            logger.LogError(ex, "{RequestId} model {Model} failed", id, model);
            await WriteFailureAsync(context, id, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Outcome> CompleteAsync(HttpContext context, IChatClient client, TranslatedRequest request, string id, long created, CancellationToken cancellationToken)
    {
        var response = await client.GetResponseAsync(request.Messages, request.Options, cancellationToken).ConfigureAwait(false);
        var completion = ResponseTranslator.Completion(response, id, request.Model, created);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, completion, ServingJsonContext.Default.ChatCompletion, cancellationToken).ConfigureAwait(false);
        return new Outcome(completion.Choices[0].FinishReason, completion.Usage);
    }

    private static async Task<Outcome> StreamAsync(HttpContext context, IChatClient client, TranslatedRequest request, string id, long created, CancellationToken cancellationToken)
    {
        await using var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);

        // The first update comes before any header: a client that fails at once still gets a plain JSON error status.
        var more = await updates.MoveNextAsync().ConfigureAwait(false);
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";

        Task WriteAsync(ChunkDelta delta, string? finishReason) =>
            WriteEventAsync(context, new ChatCompletionChunk(id, "chat.completion.chunk", created, request.Model, [new ChunkChoice(0, delta, finishReason)], null), cancellationToken);

        await WriteAsync(new ChunkDelta("assistant", string.Empty, null), null).ConfigureAwait(false);
        var callCount = 0;
        ChatFinishReason? finish = null;
        UsageDetails? usage = null;
        for (; more; more = await updates.MoveNextAsync().ConfigureAwait(false))
        {
            var update = updates.Current;
            finish = update.FinishReason ?? finish;
            var text = string.Concat(update.Contents.OfType<TextContent>().Select(t => t.Text));
            var calls = update.Contents.OfType<FunctionCallContent>().Select(c => ResponseTranslator.ToolCall(c, callCount++)).ToList();
            foreach (var reported in update.Contents.OfType<UsageContent>())
            {
                usage ??= new UsageDetails();
                usage.Add(reported.Details);
            }

            if (text.Length > 0 || calls.Count > 0)
            {
                await WriteAsync(new ChunkDelta(null, text.Length > 0 ? text : null, calls.Count > 0 ? calls : null), null).ConfigureAwait(false);
            }
        }

        var finishReason = ResponseTranslator.FinishReason(finish, callCount > 0);
        await WriteAsync(new ChunkDelta(null, null, null), finishReason).ConfigureAwait(false);
        var totals = ResponseTranslator.Usage(usage);
        if (request.IncludeUsage && totals is not null)
        {
            await WriteEventAsync(context, new ChatCompletionChunk(id, "chat.completion.chunk", created, request.Model, [], totals), cancellationToken).ConfigureAwait(false);
        }

        await context.Response.Body.WriteAsync(Done, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new Outcome(finishReason, totals);
    }

    private static async Task WriteEventAsync(HttpContext context, ChatCompletionChunk chunk, CancellationToken cancellationToken)
    {
        var body = context.Response.Body;
        await body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await JsonSerializer.SerializeAsync(body, chunk, ServingJsonContext.Default.ChatCompletionChunk, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteFailureAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var error = ErrorWriter.ServerError(id);
        if (!context.Response.HasStarted)
        {
            await ErrorWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, error, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Mid-stream the status is already 200: the error goes out as a last event, without [DONE].
        var body = context.Response.Body;
        await body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await JsonSerializer.SerializeAsync(body, new ErrorResponse(error), ServingJsonContext.Default.ErrorResponse, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record Outcome(string FinishReason, CompletionUsage? Usage);
}
