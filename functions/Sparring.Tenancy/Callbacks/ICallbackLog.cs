namespace Sparring.Tenancy.Callbacks;

/// <summary>The delivery record of each run's completion callback.</summary>
public interface ICallbackLog
{
    /// <summary>The run's record, or null when no callback was attempted.</summary>
    Task<CallbackRecord?> GetAsync(string tenant, string runId, CancellationToken cancellationToken);

    /// <summary>Stores the run's record, replacing the previous one.</summary>
    Task SaveAsync(string tenant, string runId, CallbackRecord record, CancellationToken cancellationToken);
}
