using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sparring.Tenancy.Webhooks;

/// <summary>
/// The signature scheme (as Stripe's): <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where v1 is the lowercase hex
/// HMAC-SHA256, keyed with the tenant's webhook secret, of the ASCII timestamp, a '.', and the raw body bytes.
/// </summary>
/// <param name="Timestamp">When it was signed, in Unix seconds.</param>
/// <param name="Signatures">The v1 signatures (raw bytes); a sender may give several during a secret rotation.</param>
public sealed record WebhookSignature(long Timestamp, IReadOnlyList<byte[]> Signatures)
{
    private const int SignatureBytes = 32;

    /// <summary>The hex v1 signature of <paramref name="body"/> signed at <paramref name="timestamp"/>.</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body) => Convert.ToHexStringLower(Mac(secret, timestamp, body));

    /// <summary>The header value for <paramref name="body"/> signed at <paramref name="timestamp"/>.</summary>
    public static string Header(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Compute(secret, timestamp, body)}");

    /// <summary>Whether one of the signatures is the MAC of <paramref name="body"/> with <paramref name="secret"/>, each compared in constant time.</summary>
    public bool Matches(string secret, ReadOnlySpan<byte> body)
    {
        var expected = Mac(secret, Timestamp, body);
        var matched = false;
        foreach (var signature in Signatures)
        {
            // No early exit: the time taken does not depend on which signature matched.
            matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        return matched;
    }

    /// <summary>Parses a header value; false, with what is wrong, for anything else.</summary>
    public static bool TryParse(string header, out WebhookSignature? signature, out string problem)
    {
        ArgumentNullException.ThrowIfNull(header);
        signature = null;
        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = equals > 0 ? (part[..equals], part[(equals + 1)..]) : (part, string.Empty);
            switch (name)
            {
                case "t" when timestamp is null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    timestamp = seconds;
                    break;
                case "t":
                    problem = "t must appear once, as Unix seconds (digits only)";
                    return false;
                case "v1" when value.Length == SignatureBytes * 2 && value.All(char.IsAsciiHexDigit):
                    signatures.Add(Convert.FromHexString(value));
                    break;
                case "v1":
                    problem = "v1 must be 64 hex digits (HMAC-SHA256)";
                    return false;
                default:
                    // Other schemes (v0, a future v2) are skipped, as Stripe's clients do, so a sender can add one.
                    if (equals <= 0)
                    {
                        problem = $"'{part}' is not a name=value pair";
                        return false;
                    }

                    break;
            }
        }

        if (timestamp is null || signatures.Count == 0)
        {
            problem = timestamp is null ? "it has no t=<unix seconds>" : "it has no v1=<hex signature>";
            return false;
        }

        signature = new WebhookSignature(timestamp.Value, signatures);
        problem = string.Empty;
        return true;
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}."));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
