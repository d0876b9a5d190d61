using System.Text.Json;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>Writes and reads a checkpoint's manifest and a model's pointer, refusing stored documents that do not fit where they are.</summary>
internal static class CheckpointDocuments
{
    public static byte[] Serialize(CheckpointManifest manifest) =>
        JsonSerializer.SerializeToUtf8Bytes(manifest, SparringJsonContext.Indented.CheckpointManifest);

    public static byte[] Serialize(CheckpointPointer pointer) =>
        JsonSerializer.SerializeToUtf8Bytes(pointer, SparringJsonContext.Indented.CheckpointPointer);

    /// <summary>Reads a stored manifest; <paramref name="location"/> is its full name, for the messages.</summary>
    public static CheckpointManifest ReadManifest(ReadOnlySpan<byte> content, ModelReference model, string location)
    {
        CheckpointManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(content, SparringJsonContext.Default.CheckpointManifest);
        }
        catch (JsonException ex)
        {
            throw new CheckpointCorruptException($"Checkpoint manifest {location} is not valid JSON: {ex.Message}", ex);
        }

        if (manifest is null || manifest.Files is null)
        {
            throw new CheckpointCorruptException($"Checkpoint manifest {location} has no files list.");
        }

        if (manifest.SchemaVersion != CheckpointManifest.CurrentSchemaVersion)
        {
            throw new CheckpointCorruptException($"Checkpoint manifest {location} has schema version '{manifest.SchemaVersion}'; this code reads {CheckpointManifest.CurrentSchemaVersion}.");
        }

        if (manifest.Name != model.Name || manifest.Version != model.Version)
        {
            throw new CheckpointCorruptException($"Checkpoint manifest {location} describes {manifest.Name}@{manifest.Version}, not {model}.");
        }

        foreach (var file in manifest.Files)
        {
            try
            {
                StorageNames.CheckpointFileName(file?.Name!);
            }
            catch (ArgumentException ex)
            {
                throw new CheckpointCorruptException($"Checkpoint manifest {location} lists a file that cannot be downloaded: {ex.Message}", ex);
            }
        }

        return manifest;
    }

    /// <summary>Reads a stored pointer; <paramref name="location"/> is its full name, for the messages.</summary>
    public static ModelReference ReadPointer(ReadOnlySpan<byte> content, string name, string location)
    {
        try
        {
            var pointer = JsonSerializer.Deserialize(content, SparringJsonContext.Default.CheckpointPointer)
                ?? throw new CheckpointCorruptException($"Model pointer {location} holds JSON null.");
            return pointer.Name == name
                ? new ModelReference(pointer.Name, pointer.Version)
                : throw new CheckpointCorruptException($"Model pointer {location} names model '{pointer.Name}', not '{name}'.");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new CheckpointCorruptException($"Model pointer {location} is not valid: {ex.Message}", ex);
        }
    }
}
