using System.Security.Cryptography;
using System.Text;

namespace Sparring.Tenancy.Idempotency;

/// <summary>The rules of <c>Idempotency-Key</c> values and how a request body is fingerprinted.</summary>
public static class IdempotencyKeys
{
    /// <summary>The longest key accepted.</summary>
    public const int MaxLength = 255;

    /// <summary>The rule in words.</summary>
    public const string Rule = "1 to 255 printable ASCII characters";

    /// <summary>Whether <paramref name="key"/> follows the rule.</summary>
    public static bool IsValid(string? key) => key is { Length: > 0 and <= MaxLength } && key.All(c => c is >= ' ' and <= '~');

    /// <summary>Lowercase hex SHA-256 of the raw body: the same key with another body is a client mistake.</summary>
    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>The key as a Table row key: hex SHA-256, since keys may hold characters row keys forbid ('/', '#', '?').</summary>
    internal static string RowKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
