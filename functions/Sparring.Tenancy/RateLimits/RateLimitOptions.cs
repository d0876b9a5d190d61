using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Sparring.Tenancy.RateLimits;

/// <summary>
/// The per-tenant token bucket of the APIs (<c>Sparring:RateLimit</c>): a burst of <see cref="TokenLimit"/> requests,
/// refilled by <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>. Per app instance.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sparring:RateLimit";

    /// <summary>Whether requests are limited at all; default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bucket's size: the largest burst; default 60.</summary>
    public int TokenLimit { get; set; } = 60;

    /// <summary>Tokens added each period; default 1.</summary>
    public int TokensPerPeriod { get; set; } = 1;

    /// <summary>How often tokens are added; default 1 s (so 60 requests a minute sustained).</summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads the options; absent keys keep their defaults.</summary>
    /// <exception cref="InvalidOperationException">A value is malformed or out of range (named in the message).</exception>
    public static RateLimitOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var options = new RateLimitOptions();
        options.Enabled = Read(section, nameof(Enabled), options.Enabled, bool.Parse);
        options.TokenLimit = Read(section, nameof(TokenLimit), options.TokenLimit, s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));
        options.TokensPerPeriod = Read(section, nameof(TokensPerPeriod), options.TokensPerPeriod, s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture));
        options.ReplenishmentPeriod = Read(section, nameof(ReplenishmentPeriod), options.ReplenishmentPeriod, s => TimeSpan.Parse(s, CultureInfo.InvariantCulture));
        if (options.TokenLimit < 1 || options.TokensPerPeriod < 1 || options.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SectionName}: TokenLimit and TokensPerPeriod must be 1 or more and ReplenishmentPeriod positive.");
        }

        return options;
    }

    private static T Read<T>(IConfigurationSection section, string key, T fallback, Func<string, T> parse)
    {
        if (string.IsNullOrWhiteSpace(section[key]))
        {
            return fallback;
        }

        try
        {
            return parse(section[key]!);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{SectionName}:{key} '{section[key]}' is not a valid {typeof(T).Name}.", ex);
        }
    }
}
