using System.Globalization;
using System.Text;

namespace Sparring.Bench.Training;

/// <summary>
/// The measurements as a Markdown table (shape, parameters, measurement, value, ratio). A row's ratio is against its
/// own baseline in the same run (KV cache against no cache) and, when a baseline device was measured, the same
/// measurement on that device (a speed-up for tokens/s and seconds alike).
/// </summary>
internal sealed class ResultTable(IReadOnlyList<string> header, string? baselineDevice)
{
    private readonly List<Measurement> _rows = [];

    /// <summary>Adds a row.</summary>
    public void Add(Measurement measurement) => _rows.Add(measurement);

    /// <summary>The table, with the header lines above it.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        foreach (var line in header)
        {
            text.Append(line).Append('\n');
        }

        text.Append('\n');
        text.Append("| shape | parameters | measurement | value | ratio |\n");
        text.Append("| --- | --- | --- | --- | --- |\n");
        foreach (var row in _rows)
        {
            var name = row.Note is null ? row.Name : $"{row.Name} ({row.Note})";
            text.Append(CultureInfo.InvariantCulture, $"| {row.Shape} | {Millions(row.Parameters)} | {row.Device} · {name} | {Format(row.Kind, row.Value)} | {Ratios(row)} |\n");
        }

        return text.ToString();
    }

    /// <summary>Writes the Markdown to <paramref name="path"/> through a temporary file, so a reader never sees half of it.</summary>
    public void Write(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, ToMarkdown());
        File.Move(temporary, full, overwrite: true);
    }

    private string Ratios(Measurement row)
    {
        var ratios = new List<string>();
        if (row.Against is not null && Find(row.Shape, row.Device, row.Against) is { } own)
        {
            ratios.Add(Ratio(row.Kind, row.Value, own.Value, row.AgainstLabel ?? row.Against));
        }

        if (baselineDevice is not null && row.Device != baselineDevice && row.Kind != MeasurementKind.Bytes
            && Find(row.Shape, baselineDevice, row.Name) is { } other)
        {
            ratios.Add(Ratio(row.Kind, row.Value, other.Value, baselineDevice));
        }

        return ratios.Count == 0 ? "" : string.Join("; ", ratios);
    }

    private Measurement? Find(string shape, string device, string name) =>
        _rows.FirstOrDefault(row => row.Shape == shape && row.Device == device && row.Name == name);

    // Faster is a ratio above 1 both ways: throughput over throughput, baseline time over time.
    private static string Ratio(MeasurementKind kind, double value, double baseline, string label)
    {
        var ratio = kind == MeasurementKind.Seconds ? baseline / value : value / baseline;
        return string.Create(CultureInfo.InvariantCulture, $"×{ratio:0.00} vs {label}");
    }

    private static string Format(MeasurementKind kind, double value) => kind switch
    {
        MeasurementKind.TokensPerSecond => string.Create(CultureInfo.InvariantCulture, $"{value:N0} tokens/s"),
        MeasurementKind.Seconds => string.Create(CultureInfo.InvariantCulture, $"{value:0.000} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value / (1024 * 1024):N0} MiB"),
    };

    private static string Millions(long parameters) => string.Create(CultureInfo.InvariantCulture, $"{parameters / 1e6:0.00} M");
}
