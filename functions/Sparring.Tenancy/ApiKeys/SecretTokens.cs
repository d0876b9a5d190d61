using System.Security.Cryptography;

namespace Sparring.Tenancy.ApiKeys;

/// <summary>Random base62 tokens from the OS's cryptographic generator: API keys and webhook secrets.</summary>
public static class SecretTokens
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Characters of randomness in a key or secret: 32 base62 characters, about 190 bits.</summary>
    public const int Length = 32;

    /// <summary>A new token of <paramref name="length"/> base62 characters, each uniformly drawn.</summary>
    public static string Next(int length = Length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Whether every character of <paramref name="value"/> is base62.</summary>
    public static bool IsBase62(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(Alphabet);
}
