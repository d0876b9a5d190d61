namespace Sparring.Abstractions.Storage;

/// <summary>
/// What a complete checkpoint holds: written as {tenant}/models/{name}/{version}/manifest.json after every file, so its
/// presence is what makes the version complete.
/// </summary>
/// <param name="SchemaVersion">The manifest format; readers refuse versions they do not know.</param>
/// <param name="Name">The model's name.</param>
/// <param name="Version">The checkpoint's version.</param>
/// <param name="CreatedAt">When the save that completed the checkpoint wrote the manifest.</param>
/// <param name="Files">The checkpoint's files, in ordinal name order.</param>
public sealed record CheckpointManifest(string SchemaVersion, string Name, string Version, DateTimeOffset CreatedAt, IReadOnlyList<CheckpointFile> Files)
{
    /// <summary>The manifest format this code writes and reads.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>The manifest's file name within the version's folder; no checkpoint file may have it.</summary>
    public const string FileName = "manifest.json";

    /// <summary>Whether both list the same files with the same sizes and hashes (names, versions and times aside).</summary>
    public bool HasSameFiles(CheckpointManifest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Files.Count == other.Files.Count && Files.Zip(other.Files).All(pair => pair.First == pair.Second);
    }
}

/// <summary>One file of a checkpoint.</summary>
/// <param name="Name">The file name (no folders).</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="Sha256">SHA-256 of its content, lowercase hex.</param>
public sealed record CheckpointFile(string Name, long Size, string Sha256);
