using System.Security.Cryptography;
using System.Text;
using Sparring.Tenancy.Tenants;

namespace Sparring.Tenancy.ApiKeys;

/// <summary>
/// API keys: <c>spk_&lt;tenant&gt;_&lt;32 base62&gt;</c>. The tenant in the key makes authentication one point read
/// of the tenant's row; the random part makes the key a secret. Only the key's SHA-256 is stored (a key has ~190 bits
/// of entropy, so a fast hash is enough: there is nothing to brute-force).
/// </summary>
public static class ApiKey
{
    /// <summary>The prefix every key starts with, so leaked keys are easy to find with secret scanners.</summary>
    public const string Prefix = "spk_";

    /// <summary>A new key for <paramref name="tenant"/>.</summary>
    public static string Generate(string tenant)
    {
        TenantIds.Validate(tenant);
        return $"{Prefix}{tenant}_{SecretTokens.Next()}";
    }

    /// <summary>The tenant a well-formed key names; false for anything that is not shaped like a key.</summary>
    public static bool TryReadTenant(string? key, out string tenant)
    {
        tenant = string.Empty;
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // The random part has no '_', and tenant ids have none either, so the last '_' separates them.
        var separator = key.LastIndexOf('_');
        if (separator <= Prefix.Length || key.Length - separator - 1 != SecretTokens.Length || !SecretTokens.IsBase62(key.AsSpan(separator + 1)))
        {
            return false;
        }

        var candidate = key[Prefix.Length..separator];
        if (!TenantIds.IsValid(candidate))
        {
            return false;
        }

        tenant = candidate;
        return true;
    }

    /// <summary>Lowercase hex SHA-256 of the key's UTF-8 bytes: what the directory stores.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Whether <paramref name="key"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    public static bool Matches(string key, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
    }
}
