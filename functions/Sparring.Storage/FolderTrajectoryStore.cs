using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Reports;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;

namespace Sparring.Storage;

/// <summary>
/// Keeps runs in a local folder with the Blob layout ({root}/{tenant}/runs/{runId}/…), for a quick try without
/// Azurite. Every file is written to a temporary name beside it and moved into place, so a reader sees the old file
/// or the new one, never a part. With no ETags on disk, concurrent report writers leave the last whole report.
/// </summary>
public sealed class FolderTrajectoryStore : ITrajectoryStore
{
    private readonly string _root;

    /// <summary>Creates a store under <paramref name="rootFolder"/> (created on first write).</summary>
    public FolderTrajectoryStore(string rootFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        _root = Path.GetFullPath(rootFolder);
    }

    /// <summary>The folder the store writes under.</summary>
    public string RootFolder => _root;

    /// <inheritdoc />
    public Task<bool> ExistsAsync(RunKey run, string episodeId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(PathOf(StorageNames.Episode(run, episodeId))));
    }

    /// <inheritdoc />
    public Task WriteAsync(RunKey run, Trajectory trajectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var path = PathOf(StorageNames.Episode(run, trajectory.EpisodeId));
        return WriteWholeAsync(path, JsonSerializer.SerializeToUtf8Bytes(trajectory, SparringJsonContext.Default.Trajectory), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Trajectory?> ReadAsync(RunKey run, string episodeId, CancellationToken cancellationToken) =>
        await ReadJsonAsync(PathOf(StorageNames.Episode(run, episodeId)), cancellationToken).ConfigureAwait(false) is { } bytes
            ? Deserialize(bytes, SparringJsonContext.Default.Trajectory)
            : null;

    /// <inheritdoc />
    public async IAsyncEnumerable<Trajectory> ReadAllAsync(RunKey run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folder = PathOf(StorageNames.EpisodesPrefix(run));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        // Temporary files start with '.', which no episode id does, so EpisodeIdFromFileName leaves them out.
        var episodeIds = Directory.EnumerateFiles(folder, "*.json")
            .Select(path => StorageNames.EpisodeIdFromFileName(Path.GetFileName(path)))
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var episodeId in episodeIds)
        {
            if (await ReadAsync(run, episodeId, cancellationToken).ConfigureAwait(false) is { } trajectory)
            {
                yield return trajectory;
            }
        }
    }

    /// <inheritdoc />
    public Task WriteReportAsync(RunKey run, RunReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var path = PathOf(StorageNames.Report(run));
        return WriteWholeAsync(path, JsonSerializer.SerializeToUtf8Bytes(report, SparringJsonContext.Indented.RunReport), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunReport?> ReadReportAsync(RunKey run, CancellationToken cancellationToken) =>
        await ReadJsonAsync(PathOf(StorageNames.Report(run)), cancellationToken).ConfigureAwait(false) is { } bytes
            ? Deserialize(bytes, SparringJsonContext.Default.RunReport)
            : null;

    /// <inheritdoc />
    public async Task WriteFileAsync(RunKey run, string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(StorageNames.File(run, name));
        await WriteWholeAsync(path, (stream, ct) => content.CopyToAsync(stream, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Stream?> OpenFileAsync(RunKey run, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(StorageNames.File(run, name));
        try
        {
            // FileShare.Delete lets a writer move a new version into place while this one is read.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    private string PathOf(string blobName) => Path.Combine(_root, blobName.Replace('/', Path.DirectorySeparatorChar));

    private static T Deserialize<T>(byte[] bytes, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(bytes, typeInfo) ?? throw new InvalidDataException($"A stored document holds JSON null, not a {typeof(T).Name}.");

    private static async Task<byte[]?> ReadJsonAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static Task WriteWholeAsync(string path, byte[] content, CancellationToken cancellationToken) =>
        WriteWholeAsync(path, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), cancellationToken);

    private static async Task WriteWholeAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            // Only a failed write leaves the temporary file; a moved one is gone already.
            File.Delete(temporary);
        }
    }
}
