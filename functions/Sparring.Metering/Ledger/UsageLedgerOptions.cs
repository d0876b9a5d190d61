using Microsoft.Extensions.Configuration;

namespace Sparring.Metering.Ledger;

/// <summary>
/// Where the usage ledger lives, beyond the storage account itself (which is the one of <c>Sparring:Storage</c>):
/// the <c>Sparring:Metering</c> section's <c>Table</c> (default usage) and <c>TableServiceUri</c> (default: the Blob
/// service URI with .blob. replaced by .table., for accounts reached with a credential).
/// </summary>
/// <param name="Table">The table's name.</param>
/// <param name="TableServiceUri">The Table service URI, when set.</param>
public sealed record UsageLedgerOptions(string Table = TableUsageLedger.DefaultTableName, Uri? TableServiceUri = null)
{
    /// <summary>Reads the options from <c>Sparring:Metering</c>.</summary>
    public static UsageLedgerOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Sparring:Metering");
        var table = section["Table"] is { Length: > 0 } name ? name.Trim() : TableUsageLedger.DefaultTableName;
        if (table.Length is < 3 or > 63 || !char.IsAsciiLetter(table[0]) || !table.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException($"Sparring:Metering:Table '{table}' is not a valid table name: 3-63 letters and digits, starting with a letter.");
        }

        Uri? uri = null;
        if (section["TableServiceUri"] is { Length: > 0 } text && !Uri.TryCreate(text.Trim(), UriKind.Absolute, out uri))
        {
            throw new InvalidOperationException($"Sparring:Metering:TableServiceUri '{text}' is not an absolute URI.");
        }

        return new UsageLedgerOptions(table, uri);
    }

    /// <summary>The Table service URI: <see cref="TableServiceUri"/>, else <paramref name="blobServiceUri"/> with .blob. replaced by .table.</summary>
    public Uri TableServiceFor(Uri blobServiceUri)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        if (TableServiceUri is { } uri)
        {
            return uri;
        }

        if (!blobServiceUri.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Cannot tell the Table service of {blobServiceUri}: set Sparring:Metering:TableServiceUri.");
        }

        return new UriBuilder(blobServiceUri) { Host = blobServiceUri.Host.Replace(".blob.", ".table.", StringComparison.OrdinalIgnoreCase) }.Uri;
    }
}
