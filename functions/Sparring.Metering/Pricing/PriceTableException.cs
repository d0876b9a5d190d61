namespace Sparring.Metering.Pricing;

/// <summary>A price table that cannot be read; the message names the source and the field.</summary>
public sealed class PriceTableException : Exception
{
    /// <summary>An error about <paramref name="field"/> of <paramref name="source"/>.</summary>
    public PriceTableException(string source, string field, string message, Exception? inner = null)
        : base($"{source}: {field}: {message}", inner)
    {
        Origin = source;
        Field = field;
    }

    /// <summary>The file or settings section read.</summary>
    public string Origin { get; }

    /// <summary>The field at fault: a JSON path or a settings key.</summary>
    public string Field { get; }
}
