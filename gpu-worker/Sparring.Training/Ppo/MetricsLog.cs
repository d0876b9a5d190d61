using System.Text.Json;

namespace Sparring.Training.Ppo;

/// <summary>metrics.jsonl: one flat JSON object a step, under TRL's metric names, flushed as it is written.</summary>
public sealed class MetricsLog(string path)
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>Appends one step's metrics.</summary>
    public async Task AppendAsync(int step, IReadOnlyDictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var line = new Dictionary<string, double>(metrics, StringComparer.Ordinal) { ["step"] = step };
        var json = JsonSerializer.Serialize(line, PpoJsonContext.Default.DictionaryStringDouble);
        await File.AppendAllTextAsync(Path, json + "\n", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every step back.</summary>
    public static IReadOnlyList<Dictionary<string, double>> Read(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize(line, PpoJsonContext.Default.DictionaryStringDouble) ?? [])
            .ToList();
}
