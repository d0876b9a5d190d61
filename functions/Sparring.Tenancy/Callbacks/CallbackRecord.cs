namespace Sparring.Tenancy.Callbacks;

/// <summary>Where a run's completion callback stands, as <c>GET /api/runs/{id}</c> shows it.</summary>
/// <param name="Status">retrying (an attempt failed, more will follow), delivered or failed (every attempt failed).</param>
/// <param name="Attempts">Attempts made for this completion.</param>
/// <param name="LastError">The last failed attempt's error; null when none failed.</param>
/// <param name="CompletedAt">The completion it reports (a restarted run completes again and starts a new count).</param>
/// <param name="UpdatedAt">When the last attempt ended.</param>
public sealed record CallbackRecord(string Status, int Attempts, string? LastError, DateTimeOffset CompletedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Delivered: the tenant's endpoint answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>An attempt failed and another will follow.</summary>
    public const string Retrying = "retrying";

    /// <summary>Every attempt failed; nothing more will be tried.</summary>
    public const string Failed = "failed";
}
