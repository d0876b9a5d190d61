namespace Sparring.Telemetry;

/// <summary>What every host listens to.</summary>
public static class SparringTelemetry
{
    /// <summary>
    /// Sparring's own activity sources and meters (Sparring.Engine, Sparring.Orchestration, Sparring.Training,
    /// Sparring.TrainingQueue), by wildcard, so that a host need not reference a library to export what it records.
    /// </summary>
    public const string Sources = "Sparring.*";

    /// <summary>
    /// The Durable Task engines' spans: DurableTask.Core (the CLI's embedded engine) and Microsoft.DurableTask (the
    /// isolated worker), which carry the trace context from the client that started an orchestration to its activities.
    /// </summary>
    public static IReadOnlyList<string> DurableSources { get; } = ["DurableTask.Core", "Microsoft.DurableTask*"];

    /// <summary>.NET's own HTTP spans and metrics (ASP.NET Core requests, HttpClient calls), for hosts that serve or call out.</summary>
    public static IReadOnlyList<string> HttpSources { get; } = ["Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>.NET's HTTP meters.</summary>
    public static IReadOnlyList<string> HttpMeters { get; } = ["Microsoft.AspNetCore.Hosting", "System.Net.Http"];
}
