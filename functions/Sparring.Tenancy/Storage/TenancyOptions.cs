using Microsoft.Extensions.Configuration;

namespace Sparring.Tenancy.Storage;

/// <summary>
/// Where tenancy's tables are: the <c>Sparring:Tenancy</c> section (<c>Sparring__Tenancy__TableConnectionString</c> or
/// <c>Sparring__Tenancy__TableServiceUri</c>), falling back to the Blob storage connection string
/// <c>Sparring:Storage:ConnectionString</c>, which names the account's Table endpoint too.
/// </summary>
public sealed class TenancyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sparring:Tenancy";

    /// <summary>A storage connection string with a Table endpoint (Azurite's, or an account key's).</summary>
    public string? TableConnectionString { get; set; }

    /// <summary>The Table service URI (https://account.table.core.windows.net), reached with DefaultAzureCredential.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Prefix of every tenancy table's name (letters and digits); default "sparring".</summary>
    public string TablePrefix { get; set; } = "sparring";

    /// <summary>Reads the options; absent keys keep their defaults.</summary>
    /// <exception cref="InvalidOperationException">A value is malformed (named in the message).</exception>
    public static TenancyOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var options = new TenancyOptions
        {
            TableConnectionString = NullIfEmpty(section[nameof(TableConnectionString)]) ?? NullIfEmpty(configuration["Sparring:Storage:ConnectionString"]),
            TablePrefix = NullIfEmpty(section[nameof(TablePrefix)]) ?? "sparring",
        };
        if (NullIfEmpty(section[nameof(TableServiceUri)]) is { } uri)
        {
            options.TableServiceUri = Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{SectionName}:{nameof(TableServiceUri)} '{uri}' is not an absolute URI.");
        }

        if (!options.TablePrefix.All(char.IsAsciiLetterOrDigit) || !char.IsAsciiLetter(options.TablePrefix[0]) || options.TablePrefix.Length > 40)
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(TablePrefix)} '{options.TablePrefix}' must be 1 to 40 letters and digits, starting with a letter.");
        }

        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
