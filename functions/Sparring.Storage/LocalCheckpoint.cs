using System.Security.Cryptography;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>
/// The local side of a checkpoint, shared by the stores: reading a folder into manifest entries before a save, and
/// downloading a manifest's files into a folder, checked, before any of them replaces a file there.
/// </summary>
internal static class LocalCheckpoint
{
    private const int BufferSize = 1 << 20;
    private const int Parallelism = 4;

    /// <summary>The files directly in <paramref name="folder"/>, hashed, in ordinal name order.</summary>
    public static async Task<IReadOnlyList<LocalCheckpointFile>> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new ArgumentException($"Checkpoint folder '{root}' does not exist.", nameof(folder));
        }

        var paths = Directory.EnumerateFiles(root).Order(StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            throw new ArgumentException($"Checkpoint folder '{root}' holds no files.", nameof(folder));
        }

        var files = new List<LocalCheckpointFile>(paths.Count);
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            try
            {
                StorageNames.CheckpointFileName(name);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Checkpoint folder '{root}' cannot be saved: {ex.Message}", nameof(folder), ex);
            }

            var before = File.GetLastWriteTimeUtc(path);
            await using var stream = OpenRead(path);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            files.Add(new LocalCheckpointFile(path, new CheckpointFile(name, stream.Length, Convert.ToHexStringLower(hash)), before));
        }

        return files;
    }

    /// <summary>Throws when the file changed since it was hashed, so a manifest never vouches for content it did not see.</summary>
    public static void EnsureUnchanged(LocalCheckpointFile file)
    {
        var info = new FileInfo(file.Path);
        if (!info.Exists || info.Length != file.File.Size || info.LastWriteTimeUtc != file.LastWriteUtc)
        {
            throw new IOException($"Checkpoint file '{file.Path}' changed while it was saved: save a folder nothing writes to any more.");
        }
    }

    /// <summary>The manifest of <paramref name="files"/> for <paramref name="model"/>.</summary>
    public static CheckpointManifest Manifest(ModelReference model, IReadOnlyList<LocalCheckpointFile> files, DateTimeOffset createdAt) =>
        new(CheckpointManifest.CurrentSchemaVersion, model.Name, model.Version, createdAt, files.Select(f => f.File).ToList());

    /// <summary>Says how a stored checkpoint's files differ from the ones being saved, for the conflict's message.</summary>
    public static string Difference(CheckpointManifest stored, CheckpointManifest saving)
    {
        var old = stored.Files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var now = saving.Files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var changes = old.Keys.Union(now.Keys).Order(StringComparer.Ordinal).Select(name => (old.GetValueOrDefault(name), now.GetValueOrDefault(name)) switch
        {
            (null, _) => $"{name} is new",
            (_, null) => $"{name} is missing",
            var (a, b) when a != b => $"{name} differs",
            _ => null,
        }).OfType<string>().ToList();
        return string.Join(", ", changes);
    }

    /// <summary>
    /// Downloads every file of <paramref name="manifest"/> into <paramref name="folder"/>: each to a temporary name
    /// beside its target, checked against the manifest's size and SHA-256, and only when all are good moved into place.
    /// </summary>
    public static async Task DownloadAsync(
        CheckpointManifest manifest,
        string folder,
        string location,
        Func<CheckpointFile, CancellationToken, Task<Stream>> open,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);
        var temporaries = manifest.Files.ToDictionary(f => f.Name, f => Path.Combine(root, $".{f.Name}.{Guid.NewGuid():N}.tmp"), StringComparer.Ordinal);
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(manifest.Files, options, async (file, token) =>
            {
                await using var source = await open(file, token).ConfigureAwait(false);
                await CopyCheckedAsync(source, temporaries[file.Name], file, location, token).ConfigureAwait(false);
            }).ConfigureAwait(false);

            foreach (var file in manifest.Files)
            {
                File.Move(temporaries[file.Name], Path.Combine(root, file.Name), overwrite: true);
            }
        }
        finally
        {
            // Only a failed download leaves temporary files; moved ones are gone already.
            foreach (var temporary in temporaries.Values)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Opens a file for reading with a large buffer, letting writers replace it meanwhile.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);

    /// <summary>Copies <paramref name="source"/> to <paramref name="path"/> while hashing it; throws when size or hash differ from <paramref name="expected"/>.</summary>
    public static async Task CopyCheckedAsync(Stream source, string path, CheckpointFile expected, string location, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long size = 0;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                size += read;
            }
        }

        if (size != expected.Size)
        {
            throw new CheckpointCorruptException($"Checkpoint file {location}{expected.Name} has {size} bytes; its manifest says {expected.Size}.");
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(actual, expected.Sha256, StringComparison.Ordinal))
        {
            throw new CheckpointCorruptException($"Checkpoint file {location}{expected.Name} has SHA-256 {actual}; its manifest says {expected.Sha256}.");
        }
    }
}

/// <summary>A local file to save: where it is, its manifest entry, and its write time when it was hashed.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="File">Its name, size and SHA-256.</param>
/// <param name="LastWriteUtc">Its last write time when it was hashed.</param>
internal sealed record LocalCheckpointFile(string Path, CheckpointFile File, DateTime LastWriteUtc);
