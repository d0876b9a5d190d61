using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.Telemetry;

namespace Sparring.TrainingQueue.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class WorkerTelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_queue_depth_gauge_reads_the_Storage_queues_approximate_count()
    {
        var queue = new QueueClient(azurite.ConnectionString, $"depth-{Guid.NewGuid():N}"[..24]);
        await queue.CreateIfNotExistsAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync(Jobs.Body(Jobs.Sample()));
        }

        using var gauge = new QueueDepthGauge(queue, NullLogger.Instance);

        Assert.Equal([3], Depths(queue.Name));
    }

    [Fact]
    public void An_unreachable_queue_gives_no_depth_rather_than_failing_the_collection()
    {
        var options = new QueueClientOptions { Retry = { MaxRetries = 0 } };
        var queue = new QueueClient(new Uri("http://127.0.0.1:1/devstoreaccount1/nowhere"), options);

        using var gauge = new QueueDepthGauge(queue, NullLogger.Instance);

        Assert.Empty(Depths(queue.Name));
    }

    [Fact]
    public async Task A_delivery_has_a_span_with_the_job_and_is_counted_by_disposition()
    {
        var job = Jobs.Sample() with { JobId = $"job-{Guid.NewGuid():N}" };
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WorkerTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var dispositions = new ConcurrentQueue<string>();
        using var meters = Listen("sparring.training.jobs");
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "sparring.job.disposition")
                {
                    dispositions.Enqueue((string)tag.Value!);
                }
            }
        });
        meters.Start();

        await Jobs.Processor(FakeRunner.Failing(new IOException("blob timeout")), maxAttempts: 3).ProcessAsync(job, 1, CancellationToken.None, CancellationToken.None);

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("sparring.job.id"), job.JobId));
        Assert.Equal(job.Tenant, span.GetTagItem("sparring.tenant"));
        Assert.Equal("retry", span.GetTagItem("sparring.job.disposition"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Contains("retry", dispositions);
    }

    private static List<int> Depths(string queueName)
    {
        var depths = new List<int>();
        using var meters = Listen("sparring.queue.depth");
        meters.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "messaging.destination.name" && Equals(tag.Value, queueName))
                {
                    depths.Add(value);
                }
            }
        });
        meters.Start();
        meters.RecordObservableInstruments();
        return depths;
    }

    private static MeterListener Listen(string instrumentName) => new()
    {
        InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WorkerTelemetry.Name && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        },
    };
}
