using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sparring.Training.Tokenization;

namespace Sparring.Training.Checkpoints;

/// <summary>What every checkpoint folder does with its files: read JSON naming the file, write by rename, check the tokenizer.</summary>
internal static class CheckpointFiles
{
    /// <summary>Reads a JSON file; a missing, empty or malformed file is a mismatch naming the file and JSON path.</summary>
    public static T ReadJson<T>(string path, JsonTypeInfo<T> type)
    {
        if (!File.Exists(path))
        {
            throw new CheckpointMismatchException($"{path}: missing");
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), type) ?? throw new CheckpointMismatchException($"{path}: empty");
        }
        catch (JsonException ex)
        {
            throw new CheckpointMismatchException($"{path}: {ex.Path}: {ex.Message}", ex);
        }
    }

    /// <summary>The format name and version of a config file, read before its fields so another kind of checkpoint is named as such.</summary>
    public static (string? Format, int? Version) ReadFormat(string path)
    {
        if (!File.Exists(path))
        {
            throw new CheckpointMismatchException($"{path}: missing");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CheckpointMismatchException($"{path}: $: not a JSON object");
            }

            var format = root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            int? version = root.TryGetProperty("version", out var v) && v.TryGetInt32(out var number) ? number : null;
            return (format, version);
        }
        catch (JsonException ex)
        {
            throw new CheckpointMismatchException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a temporary file and renames it over <paramref name="path"/>, so readers never see half a file.</summary>
    public static void WriteText(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Loads the tokenizer file and checks it is the one the config was trained with and fits its vocabulary.</summary>
    public static Tokenizer LoadTokenizer(string tokenizerPath, string configPath, string expectedHash, int vocabularySize)
    {
        Tokenizer tokenizer;
        try
        {
            tokenizer = Tokenizer.Load(tokenizerPath);
        }
        catch (Exception ex) when (ex is IOException or TokenizerFileException or UnauthorizedAccessException)
        {
            throw new CheckpointMismatchException($"{tokenizerPath}: {ex.Message}", ex);
        }

        if (tokenizer.ContentHash != expectedHash)
        {
            throw new CheckpointMismatchException($"{tokenizerPath}: hash {tokenizer.ContentHash} differs from tokenizerHash {expectedHash} in {configPath}: the weights were trained with another tokenizer");
        }

        if (tokenizer.VocabularySize != vocabularySize)
        {
            throw new CheckpointMismatchException($"{configPath}: model.vocabularySize is {vocabularySize} but {tokenizerPath} has {tokenizer.VocabularySize} tokens");
        }

        return tokenizer;
    }
}
