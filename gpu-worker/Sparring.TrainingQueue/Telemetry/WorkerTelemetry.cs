using System.Diagnostics;
using System.Diagnostics.Metrics;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.Processing;

namespace Sparring.TrainingQueue.Telemetry;

/// <summary>
/// The worker's spans (one per delivered training job) and metrics (jobs by disposition; the Storage queue's depth,
/// see <see cref="QueueDepthGauge"/>), on <see cref="System.Diagnostics"/> only.
/// </summary>
/// <remarks>
/// The source, meter and counter are static readonly, the .NET idiom: thread-safe, process-long, no state of ours.
/// Attribute names are the engine's (<c>sparring.*</c>), written out here because the worker does not reference it.
/// </remarks>
public static class WorkerTelemetry
{
    /// <summary>The name of the worker's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "Sparring.TrainingQueue";

    private static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Jobs = Meter.CreateCounter<long>("sparring.training.jobs", "{job}", "Training job deliveries, by kind and disposition.");

    /// <summary>The span of one delivery of a job.</summary>
    internal static Activity? StartJob(TrainingJob job, int deliveryCount)
    {
        var activity = Source.StartActivity("process training job", ActivityKind.Consumer);
        if (activity is not null)
        {
            activity.DisplayName = $"process training job {job.JobId}";
            activity.SetTag("sparring.job.id", job.JobId);
            activity.SetTag("sparring.job.kind", Kind(job.Kind));
            activity.SetTag("sparring.tenant", job.Tenant);
            activity.SetTag("messaging.message.delivery_count", deliveryCount);
        }

        return activity;
    }

    /// <summary>Records how a delivery of <paramref name="job"/> was settled.</summary>
    internal static void Settled(Activity? activity, TrainingJob job, TrainingJobDisposition disposition)
    {
        var name = disposition switch
        {
            TrainingJobDisposition.Complete => "complete",
            TrainingJobDisposition.Retry => "retry",
            TrainingJobDisposition.DeadLetter => "dead_letter",
            TrainingJobDisposition.Stopping => "stopping",
            _ => "lock_lost",
        };
        if (activity is not null)
        {
            activity.SetTag("sparring.job.disposition", name);
            if (disposition is TrainingJobDisposition.Retry or TrainingJobDisposition.DeadLetter)
            {
                activity.SetStatus(ActivityStatusCode.Error, name);
            }
        }

        Jobs.Add(1, new KeyValuePair<string, object?>("sparring.job.kind", Kind(job.Kind)), new KeyValuePair<string, object?>("sparring.job.disposition", name));
    }

    private static string Kind(TrainingKind kind) => kind switch
    {
        TrainingKind.Sft => "sft",
        TrainingKind.RewardModel => "reward-model",
        _ => "ppo",
    };
}
