using System.Collections.Concurrent;
using System.Diagnostics;
using Sparring.Engine.Telemetry;

namespace Sparring.Engine.Tests.Fixtures;

/// <summary>Records every span of the engine's source that ends while it listens.</summary>
internal sealed class EngineSpans : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public EngineSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The ended spans of model calls to <paramref name="model"/> (a name unique to the test).</summary>
    public IReadOnlyList<Activity> ChatsWith(string model) =>
        [.. _spans.Where(s => s.OperationName == "chat" && Equals(s.GetTagItem(TelemetryTags.RequestModel), model))];

    public void Dispose() => _listener.Dispose();
}
