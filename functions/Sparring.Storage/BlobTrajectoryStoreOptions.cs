namespace Sparring.Storage;

/// <summary>How a <see cref="BlobTrajectoryStore"/> writes reports and reads runs back.</summary>
public sealed class BlobTrajectoryStoreOptions
{
    /// <summary>
    /// How many times WriteReportAsync reads the report's ETag and tries its conditional upload before it gives up
    /// with a <see cref="ReportConflictException"/>; default 5.
    /// </summary>
    public int ReportWriteAttempts { get; set; } = 5;

    /// <summary>Blobs asked for per listing page; default null, the service's own (5,000).</summary>
    public int? ListPageSize { get; set; }

    /// <summary>How many trajectories ReadAllAsync downloads ahead of the one it returns; default 8.</summary>
    public int ReadAhead { get; set; } = 8;
}
