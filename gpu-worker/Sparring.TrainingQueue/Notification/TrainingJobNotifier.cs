using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.TrainingQueue.Notification;

/// <summary>
/// Tells a job's <see cref="CompletionTarget"/> how the job ended: POSTs the event to the raise-event URL (retrying
/// transient failures with a doubling delay) and sends it to the reply queue. A failure is logged, never thrown: the job
/// is settled either way. Notifications are at least once: a redelivered job that was already trained notifies again.
/// </summary>
public sealed class TrainingJobNotifier(
    IHttpClientFactory httpClientFactory,
    TrainingWorkerOptions options,
    ILogger<TrainingJobNotifier> logger,
    IReplyQueue? replyQueue = null)
{
    /// <summary>The name of the <see cref="HttpClient"/> the POSTs go through.</summary>
    public const string HttpClientName = "Sparring.TrainingQueue.Notification";

    /// <summary>Notifies the job's completion target, if it has one.</summary>
    public async Task NotifyAsync(TrainingJob job, TrainingJobCompletedEvent completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(completed);
        if (job.Completion is not { } target)
        {
            return;
        }

        if (target.RaiseEventUrl is { } url)
        {
            await PostAsync(url, completed, cancellationToken).ConfigureAwait(false);
        }

        if (!string.IsNullOrWhiteSpace(target.ReplyQueue))
        {
            await SendToReplyQueueAsync(target.ReplyQueue, completed, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PostAsync(Uri url, TrainingJobCompletedEvent completed, CancellationToken cancellationToken)
    {
        // The raise-event URL carries the Function App's system key in its query: never log it.
        var shown = url.GetLeftPart(UriPartial.Path);
        var settings = options.Notification;
        using var client = httpClientFactory.CreateClient(HttpClientName);
        client.Timeout = settings.Timeout;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var content = JsonContent.Create(completed, TrainingJobEventJsonContext.Default.TrainingJobCompletedEvent);
                using var response = await client.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    logger.LogInformation("Job {JobId}: {Status} event posted to {Url}", completed.JobId, completed.Status, shown);
                    return;
                }

                failure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                if (!IsTransient(response.StatusCode))
                {
                    logger.LogError("Job {JobId}: {Url} refused the completion event ({Failure}); not retrying", completed.JobId, shown, failure);
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Job {JobId}: the worker is stopping; the completion event was not posted to {Url}", completed.JobId, shown);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // An OperationCanceledException the caller did not ask for is the client's timeout.
                failure = $"{ex.GetType().Name}: {ex.Message}";
            }

            if (attempt >= settings.Attempts)
            {
                logger.LogError("Job {JobId}: the completion event could not be posted to {Url} after {Attempts} attempts ({Failure})", completed.JobId, shown, attempt, failure);
                return;
            }

            var delay = settings.RetryDelay * Math.Pow(2, attempt - 1);
            logger.LogWarning("Job {JobId}: posting the completion event to {Url} failed ({Failure}); retrying in {Delay}", completed.JobId, shown, failure, delay);
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("Job {JobId}: the worker is stopping; the completion event was not posted to {Url}", completed.JobId, shown);
                return;
            }
        }
    }

    private async Task SendToReplyQueueAsync(string queueName, TrainingJobCompletedEvent completed, CancellationToken cancellationToken)
    {
        if (replyQueue is null)
        {
            logger.LogWarning("Job {JobId} names reply queue {Queue}, but the {Kind} queue has no reply queues; the caller awaits the job instead", completed.JobId, queueName, options.Queue);
            return;
        }

        try
        {
            var body = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(completed, TrainingJobEventJsonContext.Default.TrainingJobCompletedEvent));
            await replyQueue.SendAsync(queueName, completed.JobId, body, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Job {JobId}: {Status} event sent to reply queue {Queue}", completed.JobId, completed.Status, queueName);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {JobId}: the completion event could not be sent to reply queue {Queue}", completed.JobId, queueName);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
