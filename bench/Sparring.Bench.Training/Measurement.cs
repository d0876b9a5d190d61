namespace Sparring.Bench.Training;

/// <summary>What a number measures, and so which way is better and how it is printed.</summary>
internal enum MeasurementKind
{
    /// <summary>Tokens a second: higher is better.</summary>
    TokensPerSecond,

    /// <summary>Seconds: lower is better.</summary>
    Seconds,

    /// <summary>Bytes of memory: no ratio is given.</summary>
    Bytes,
}

/// <summary>One measured number.</summary>
/// <param name="Shape">The shape's name.</param>
/// <param name="Parameters">The model's parameter count.</param>
/// <param name="Device">cpu or cuda.</param>
/// <param name="Name">What was measured, without the device (rows of two devices with the same name are compared).</param>
/// <param name="Kind">Its unit.</param>
/// <param name="Value">The number, in tokens/s, seconds or bytes.</param>
/// <param name="Against">The name of the row of the same shape and device that this row's own ratio is taken against (the no-cache row of a cache row), or null.</param>
/// <param name="AgainstLabel">How that ratio is labelled ("no cache").</param>
/// <param name="Note">Anything the number needs said beside it.</param>
internal sealed record Measurement(
    string Shape,
    long Parameters,
    string Device,
    string Name,
    MeasurementKind Kind,
    double Value,
    string? Against = null,
    string? AgainstLabel = null,
    string? Note = null);
