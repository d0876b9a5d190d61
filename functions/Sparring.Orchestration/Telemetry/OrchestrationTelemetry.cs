using System.Diagnostics;
using System.Diagnostics.Metrics;
using Sparring.Abstractions.Storage;
using Sparring.Engine.Telemetry;

namespace Sparring.Orchestration.Telemetry;

/// <summary>
/// Spans of runs and of the activities of a run (an orchestrator replays, so it cannot hold a span: the host that
/// starts or waits for a run holds the run's span, and each activity has its own), and the count of finished runs.
/// </summary>
/// <remarks>
/// The source, meter and instrument are static readonly, the .NET idiom: thread-safe, process-long, no state of ours.
/// </remarks>
public static class OrchestrationTelemetry
{
    /// <summary>The name of the orchestration's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "Sparring.Orchestration";

    private static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("sparring.runs", "{run}", "Runs whose report was written, by tenant and status.");

    /// <summary>
    /// The span of a whole run, for the host that starts it (and waits for it, locally): its episodes' spans nest
    /// under it where the Durable engine carries the trace context, and carry its run id everywhere.
    /// </summary>
    /// <param name="kind">What kind of run: run (evaluation), train, nightly.</param>
    /// <param name="run">The run.</param>
    /// <param name="environment">The environment it plays, when it has one.</param>
    public static Activity? StartRun(string kind, RunKey run, string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var activity = Source.StartActivity(kind);
        if (activity is not null)
        {
            activity.DisplayName = $"{kind} {run.RunId}";
            Tag(activity, run);
            if (environment is not null)
            {
                activity.SetTag(TelemetryTags.Environment, environment);
            }
        }

        return activity;
    }

    /// <summary>The span of one activity of a run, tagged with the run and tenant.</summary>
    internal static Activity? StartActivity(string name, RunKey run)
    {
        var activity = Source.StartActivity(name);
        if (activity is not null)
        {
            Tag(activity, run);
        }

        return activity;
    }

    /// <summary>Marks the span of an activity that fails; never catches the exception (use it as an exception filter).</summary>
    internal static bool Failed(Activity? activity, Exception exception)
    {
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        return false;
    }

    /// <summary>Counts a run whose report was written.</summary>
    internal static void RunReported(RunKey run, string status) =>
        Runs.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Tenant, run.Tenant), new KeyValuePair<string, object?>("sparring.run.status", status));

    private static void Tag(Activity activity, RunKey run)
    {
        activity.SetTag(TelemetryTags.RunId, run.RunId);
        activity.SetTag(TelemetryTags.Tenant, run.Tenant);
    }
}
