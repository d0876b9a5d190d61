using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Sparring.Storage;

/// <summary>
/// Where Sparring stores blobs and how it retries: read from the <c>Sparring:Storage</c> configuration section
/// (environment variables <c>Sparring__Storage__ConnectionString</c> and so on).
/// Exactly one of <see cref="ConnectionString"/> and <see cref="ServiceUri"/> is set.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Sparring:Storage";

    /// <summary>A storage connection string (Azurite's, or an account key's); none by default.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Blob service URI (https://account.blob.core.windows.net), reached with DefaultAzureCredential; none by default.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The container holding every tenant's blobs; default "sparring". Created when missing.</summary>
    public string Container { get; set; } = "sparring";

    /// <summary>How many times a request failing with a transient fault (timeout, 408, 429, 5xx) is retried; default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay, doubled on each retry (exponential, with jitter); default 0.5 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between two retries; default 10 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take before it counts as a transient fault and is retried; default 100 s.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Where environments downloaded from Blob are cached; default sparring/environments under the temp folder.</summary>
    public string EnvironmentCacheFolder { get; set; } = Path.Combine(Path.GetTempPath(), "sparring", "environments");

    /// <summary>Reads the options from the <c>Sparring:Storage</c> section; absent keys keep their defaults.</summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var options = new StorageOptions { ConnectionString = NullIfEmpty(section[nameof(ConnectionString)]) };
        if (NullIfEmpty(section[nameof(ServiceUri)]) is { } uri)
        {
            options.ServiceUri = Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{SectionName}:{nameof(ServiceUri)} '{uri}' is not an absolute URI.");
        }

        options.Container = NullIfEmpty(section[nameof(Container)]) ?? options.Container;
        options.MaxRetries = Parse(section, nameof(MaxRetries), options.MaxRetries, static s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));
        options.RetryDelay = Parse(section, nameof(RetryDelay), options.RetryDelay, ParseTimeSpan);
        options.MaxRetryDelay = Parse(section, nameof(MaxRetryDelay), options.MaxRetryDelay, ParseTimeSpan);
        options.NetworkTimeout = Parse(section, nameof(NetworkTimeout), options.NetworkTimeout, ParseTimeSpan);
        options.EnvironmentCacheFolder = NullIfEmpty(section[nameof(EnvironmentCacheFolder)]) ?? options.EnvironmentCacheFolder;
        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TimeSpan ParseTimeSpan(string value) => TimeSpan.Parse(value, CultureInfo.InvariantCulture);

    private static T Parse<T>(IConfigurationSection section, string key, T fallback, Func<string, T> parse)
    {
        if (NullIfEmpty(section[key]) is not { } value)
        {
            return fallback;
        }

        try
        {
            return parse(value);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{SectionName}:{key} '{value}' is not a valid {typeof(T).Name} (time spans are written hh:mm:ss).", ex);
        }
        catch (OverflowException ex)
        {
            throw new InvalidOperationException($"{SectionName}:{key} '{value}' is out of range.", ex);
        }
    }
}
