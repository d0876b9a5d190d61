using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Storage;

/// <summary>
/// Keeps runs in one Blob container: {tenant}/runs/{runId}/episodes/{episodeId}.json, report.json and the run's files.
/// Episodes overwrite (a retried episode writes the same name); report.json is written under an ETag condition.
/// The container is created on the first write that finds it missing. Thread-safe.
/// </summary>
public sealed class BlobTrajectoryStore : ITrajectoryStore
{
    private const string JsonContentType = "application/json";

    private readonly BlobContainerClient _container;
    private readonly ILogger _logger;
    private readonly int _reportWriteAttempts;
    private readonly int? _listPageSize;
    private readonly int _readAhead;

    /// <summary>Creates a store over <paramref name="container"/>.</summary>
    public BlobTrajectoryStore(BlobContainerClient container, BlobTrajectoryStoreOptions? options = null, ILogger<BlobTrajectoryStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        options ??= new BlobTrajectoryStoreOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReportWriteAttempts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadAhead, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ListPageSize ?? 1, 1, nameof(options));
        _container = container;
        _reportWriteAttempts = options.ReportWriteAttempts;
        _listPageSize = options.ListPageSize;
        _readAhead = options.ReadAhead;
        _logger = logger ?? NullLogger<BlobTrajectoryStore>.Instance;
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(RunKey run, string episodeId, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(StorageNames.Episode(run, episodeId));
        return (await blob.ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <inheritdoc />
    public async Task WriteAsync(RunKey run, Trajectory trajectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var name = StorageNames.Episode(run, trajectory.EpisodeId);
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(trajectory, SparringJsonContext.Default.Trajectory));
        await UploadJsonAsync(name, content, conditions: null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Trajectory?> ReadAsync(RunKey run, string episodeId, CancellationToken cancellationToken) =>
        await ReadTrajectoryAsync(StorageNames.Episode(run, episodeId), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<Trajectory> ReadAllAsync(RunKey run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = await ListEpisodeBlobsAsync(run, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<Task<Trajectory?>>();
        var next = 0;
        try
        {
            // Downloads run a few ahead of the consumer, and are handed out in episode-id order.
            while (next < names.Count || window.Count > 0)
            {
                while (next < names.Count && window.Count < _readAhead)
                {
                    window.Enqueue(ReadTrajectoryAsync(names[next++], stop.Token));
                }

                if (await window.Dequeue().ConfigureAwait(false) is { } trajectory)
                {
                    yield return trajectory;
                }
            }
        }
        finally
        {
            // A consumer that stops early leaves downloads in flight: cancel them and wait, so none outlives the enumeration.
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(window.Cast<Task>()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the report's current ETag and uploads on the condition that it still matches (or, with no report yet,
    /// that none exists). When another writer got in between, it reads again and retries, up to
    /// <see cref="BlobTrajectoryStoreOptions.ReportWriteAttempts"/> times, then throws <see cref="ReportConflictException"/>.
    /// A single upload replaces the blob whole, so readers see one report or the other, never a mix.
    /// </remarks>
    public async Task WriteReportAsync(RunKey run, RunReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var blob = _container.GetBlobClient(StorageNames.Report(run));
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetETagAsync(blob, cancellationToken).ConfigureAwait(false);
            try
            {
                await ReplaceReportAsync(run, report, current, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ReportConflictException ex) when (attempt < _reportWriteAttempts)
            {
                _logger.LogInformation("The report of run {Run} changed while it was written (attempt {Attempt} of {Attempts}): {Reason}; reading its ETag again", run, attempt, _reportWriteAttempts, ex.Message);
            }
            catch (ReportConflictException ex)
            {
                throw new ReportConflictException($"The report of run {run} kept changing: {_reportWriteAttempts} conditional writes in a row lost to other writers.", ex);
            }
        }
    }

    /// <summary>The run's report with its ETag, or null before the run has one.</summary>
    public async Task<VersionedReport?> ReadReportVersionAsync(RunKey run, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(StorageNames.Report(run));
        if (await DownloadAsync(blob, cancellationToken).ConfigureAwait(false) is not { } result)
        {
            return null;
        }

        var report = JsonSerializer.Deserialize(result.Content.ToMemory().Span, SparringJsonContext.Default.RunReport)
            ?? throw new InvalidDataException($"Blob {blob.Name} holds JSON null, not a report.");
        return new VersionedReport(report, result.Details.ETag);
    }

    /// <summary>
    /// Writes report.json only if its ETag is still <paramref name="expected"/> (or, when null, only if there is no
    /// report yet), and returns the new ETag; throws <see cref="ReportConflictException"/> when another writer got in between.
    /// </summary>
    public async Task<ETag> ReplaceReportAsync(RunKey run, RunReport report, ETag? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var name = StorageNames.Report(run);
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(report, SparringJsonContext.Indented.RunReport));
        var conditions = expected is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            return (await UploadJsonAsync(name, content, conditions, cancellationToken).ConfigureAwait(false)).Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 412 || ex.ErrorCode == BlobErrorCode.BlobAlreadyExists || (expected is not null && ex.ErrorCode == BlobErrorCode.BlobNotFound))
        {
            var was = expected is { } e ? $"ETag {e}" : "no report";
            throw new ReportConflictException($"The report of run {run} was changed by another writer: expected {was}, the service answered {ex.Status} {ex.ErrorCode}.", ex);
        }
    }

    /// <inheritdoc />
    public async Task<RunReport?> ReadReportAsync(RunKey run, CancellationToken cancellationToken) =>
        (await ReadReportVersionAsync(run, cancellationToken).ConfigureAwait(false))?.Report;

    /// <inheritdoc />
    /// <remarks>
    /// One upload: a small stream goes in one request, a large one as staged blocks committed together at the end.
    /// Either way the blob appears (or changes) only once all of it is there.
    /// </remarks>
    public async Task WriteFileAsync(RunKey run, string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = _container.GetBlobClient(StorageNames.File(run, name));

        // A stream cannot always be read twice, so the container is made sure of first rather than on failure.
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await blob.UploadAsync(content, new BlobUploadOptions(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Stream?> OpenFileAsync(RunKey run, string name, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(StorageNames.File(run, name));
        try
        {
            return (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task<List<string>> ListEpisodeBlobsAsync(RunKey run, CancellationToken cancellationToken)
    {
        var prefix = StorageNames.EpisodesPrefix(run);
        var episodes = new List<(string EpisodeId, string BlobName)>();
        try
        {
            var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).AsPages(pageSizeHint: _listPageSize);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                foreach (var item in page.Values)
                {
                    if (StorageNames.EpisodeIdFromFileName(item.Name[prefix.Length..]) is { } episodeId)
                    {
                        episodes.Add((episodeId, item.Name));
                    }
                }
            }
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return [];
        }

        // Blob names sort "a-1.json" before "a.json" although episode "a" comes before "a-1": sort by the ids themselves.
        episodes.Sort(static (x, y) => string.CompareOrdinal(x.EpisodeId, y.EpisodeId));
        return episodes.ConvertAll(static e => e.BlobName);
    }

    private async Task<Trajectory?> ReadTrajectoryAsync(string name, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(name);
        if (await DownloadAsync(blob, cancellationToken).ConfigureAwait(false) is not { } result)
        {
            return null;
        }

        return JsonSerializer.Deserialize(result.Content.ToMemory().Span, SparringJsonContext.Default.Trajectory)
            ?? throw new InvalidDataException($"Blob {name} holds JSON null, not a trajectory.");
    }

    private static async Task<BlobDownloadResult?> DownloadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static async Task<ETag?> GetETagAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task<Response<BlobContentInfo>> UploadJsonAsync(string name, BinaryData content, BlobRequestConditions? conditions, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(name);

        // No conditions means overwrite: a retried episode replaces its own trajectory.
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType }, Conditions = conditions };
        try
        {
            return await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            _logger.LogInformation("Container {Container} does not exist yet; creating it", _container.Name);
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
