namespace Sparring.EmbeddedHost;

/// <summary>How much work the embedded engine takes on at once.</summary>
public sealed class EmbeddedHostOptions
{
    /// <summary>Activities (episodes) in flight; default 512, far above the core count because episodes mostly wait on models.</summary>
    public int MaxActivities { get; set; } = 512;

    /// <summary>Orchestration work items in flight; default 64.</summary>
    public int MaxOrchestrations { get; set; } = 64;

    /// <summary>How often waiting callers poll a run's status; default 250 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
