using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.Notification;

namespace Sparring.TrainingQueue.Tests;

public class TrainingJobNotifierTests
{
    private static readonly TrainingJobCompletedEvent Succeeded = new("job-1", TrainingJobStatus.Succeeded, Jobs.Sample().Output, AlreadyTrained: false, Error: null);

    private static TrainingJobNotifier Notifier(int attempts = 3, ILogger<TrainingJobNotifier>? logger = null, IReplyQueue? replyQueue = null, double timeoutSeconds = 5)
    {
        var options = new TrainingWorkerOptions
        {
            Queue = TrainingQueueKind.InProcess,
            Notification = new TrainingNotificationOptions { Attempts = attempts, RetryDelay = TimeSpan.FromMilliseconds(50), Timeout = TimeSpan.FromSeconds(timeoutSeconds) },
        };
        var factory = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        return new TrainingJobNotifier(factory, options, logger ?? Mock.Of<ILogger<TrainingJobNotifier>>(), replyQueue);
    }

    [Fact]
    public async Task The_event_is_posted_as_json_to_the_raise_event_url()
    {
        using var server = new LoopbackListener(HttpStatusCode.Accepted);
        var url = new Uri(server.BaseUri, "runtime/webhooks/durabletask/instances/nightly-1/raiseEvent/TrainingCompleted?code=secret");

        await Notifier().NotifyAsync(Jobs.Sample(completion: new CompletionTarget(RaiseEventUrl: url)), Succeeded, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(url.PathAndQuery, request.PathAndQuery);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("job-1", body.RootElement.GetProperty("jobId").GetString());
        Assert.Equal("succeeded", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("support-agent", body.RootElement.GetProperty("checkpoint").GetProperty("name").GetString());
        Assert.Equal("7", body.RootElement.GetProperty("checkpoint").GetProperty("version").GetString());
        Assert.False(body.RootElement.GetProperty("alreadyTrained").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task A_server_error_is_retried_until_the_event_is_accepted()
    {
        using var server = new LoopbackListener(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted);

        await Notifier(attempts: 5).NotifyAsync(Jobs.Sample(completion: new CompletionTarget(RaiseEventUrl: server.BaseUri)), Succeeded, CancellationToken.None);

        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Contains("\"jobId\":\"job-1\"", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_never_throws()
    {
        // Durable answers 410 Gone for an orchestration that has ended: asking again cannot help.
        using var server = new LoopbackListener(HttpStatusCode.Gone, HttpStatusCode.Accepted);

        await Notifier(attempts: 5).NotifyAsync(Jobs.Sample(completion: new CompletionTarget(RaiseEventUrl: server.BaseUri)), Succeeded, CancellationToken.None);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_unreachable_url_is_tried_the_configured_times_then_logged_without_its_key()
    {
        using var server = new LoopbackListener(HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.BadGateway);
        var logger = new Mock<ILogger<TrainingJobNotifier>>();
        var logged = new List<string>();
        logger.Setup(l => l.Log(It.IsAny<LogLevel>(), It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(), It.IsAny<Func<It.IsAnyType, Exception?, string>>()))
            .Callback(new InvocationAction(i => logged.Add($"{i.Arguments[0]}: {i.Arguments[2]}")));

        await Notifier(attempts: 3, logger.Object).NotifyAsync(Jobs.Sample(completion: new CompletionTarget(RaiseEventUrl: new Uri(server.BaseUri, "raiseEvent?code=secret"))), Succeeded, CancellationToken.None);

        Assert.Equal(3, server.Requests.Count);
        Assert.Contains(logged, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("after 3 attempts", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_reply_queue_is_logged_and_does_not_stop_the_worker()
    {
        var replies = new Mock<IReplyQueue>();
        replies.Setup(r => r.SendAsync("replies", "job-1", It.IsAny<BinaryData>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("queue down"));

        await Notifier(replyQueue: replies.Object).NotifyAsync(Jobs.Sample(completion: new CompletionTarget(ReplyQueue: "replies")), Succeeded, CancellationToken.None);

        replies.Verify(r => r.SendAsync("replies", "job-1", It.Is<BinaryData>(b => b.ToString().Contains("\"status\":\"succeeded\"")), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_dead_lettered_job_notifies_failed_with_the_reason()
    {
        using var server = new LoopbackListener(HttpStatusCode.Accepted);
        var processor = Jobs.Processor(FakeRunner.Failing(new PermanentJobFailureException("dataset runs/r-9 has no dataset.jsonl")));

        await processor.ProcessAsync(Jobs.Sample(completion: new CompletionTarget(RaiseEventUrl: server.BaseUri)), 1, CancellationToken.None, CancellationToken.None);

        var body = JsonSerializer.Deserialize(Assert.Single(server.Requests).Body, TrainingJobEventJsonContext.Default.TrainingJobCompletedEvent);
        Assert.Equal(new TrainingJobCompletedEvent("job-1", TrainingJobStatus.Failed, null, false, "dataset runs/r-9 has no dataset.jsonl"), body);
    }
}
