using System.Text.Json;
using Sparring.Engine.Environments;
using Sparring.Engine.State;

namespace Sparring.Engine.Templates;

/// <summary>
/// Reads the split key values of SFT transcripts: chat JSONL lines may carry <c>"metadata": {"&lt;key&gt;": value}</c>
/// beside <c>"messages"</c> (a string, a number, or a list of them). Only that field is read; the rest of a line is the
/// transcript readers' business.
/// </summary>
internal static class TranscriptKeys
{
    /// <summary>Every key value of the files, with the file and line it is on; a line that cannot be read is a mistake.</summary>
    public static async Task<IReadOnlyList<KeyOwner>> ReadAsync(IReadOnlyList<(string FullPath, string Display)> files, string keyName, List<SpecError> errors, CancellationToken cancellationToken)
    {
        var keys = new List<KeyOwner>();
        foreach (var (fullPath, display) in files)
        {
            string[] lines;
            try
            {
                lines = await File.ReadAllLinesAsync(fullPath, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                errors.Add(new SpecError(display, null, null, "$", $"cannot read the transcripts: {ex.Message}"));
                continue;
            }

            for (var i = 0; i < lines.Length; i++)
            {
                // Most lines carry no metadata; a substring test spares parsing their messages.
                if (!lines[i].Contains("\"metadata\"", StringComparison.Ordinal))
                {
                    continue;
                }

                Read(lines[i], keyName, display, i + 1, keys, errors);
            }
        }

        return keys;
    }

    private static void Read(string line, string keyName, string file, int lineNumber, List<KeyOwner> keys, List<SpecError> errors)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("metadata", out var metadata)
                || metadata.ValueKind != JsonValueKind.Object
                || !metadata.TryGetProperty(keyName, out var value))
            {
                return;
            }

            var values = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
            foreach (var item in values)
            {
                if (Text(item) is { } text)
                {
                    keys.Add(new KeyOwner(text, $"SFT transcript {file}:{lineNumber}"));
                }
                else
                {
                    errors.Add(new SpecError(file, lineNumber, null, $"$.metadata.{keyName}", "must be a string, a number or a list of them"));
                }
            }
        }
        catch (JsonException ex)
        {
            errors.Add(new SpecError(file, lineNumber, ex.BytePositionInLine is { } column ? (int)column + 1 : null, "$", $"not valid JSON: {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}"));
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString() is { Length: > 0 } text => text,
        JsonValueKind.Number => CanonicalJson.FormatNumber(value.GetDouble()),
        _ => null,
    };
}
