using System.Text.RegularExpressions;

namespace Sparring.Tenancy.Tenants;

/// <summary>The rule for tenant ids: they prefix every blob path and key every table row of the tenant.</summary>
public static partial class TenantIds
{
    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "3 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit";

    /// <summary>Whether <paramref name="value"/> is a valid tenant id.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="value"/> when it is not a valid tenant id.</summary>
    public static void Validate(string? value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"Tenant id '{value}' is not valid: it must be {Rule}.", nameof(value));
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
