using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sparring.Engine.State;

/// <summary>
/// Canonical JSON (RFC 8785 style: keys sorted by UTF-16 code unit, no whitespace, numbers as JavaScript prints them)
/// and its SHA-256, the state hash that τ-bench-style state matching compares.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical text of a JSON document.</summary>
    public static string Serialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Serialize(document.RootElement);
    }

    /// <summary>The canonical text of a JSON node (null is the JSON literal null).</summary>
    public static string Serialize(JsonNode? node) => Serialize(node?.ToJsonString() ?? "null");

    /// <summary>The canonical text of a JSON element.</summary>
    public static string Serialize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(element, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Lowercase hex SHA-256 of the canonical text of a JSON document.</summary>
    public static string Hash(string json)
    {
        // Hashing runs on whole states: write UTF-8 straight into the hash through a small buffer, no strings.
        using var document = JsonDocument.Parse(json);
        using var output = new Sha256BufferWriter();
        Write(document.RootElement, output);
        return output.HexDigest();
    }

    /// <summary>Lowercase hex SHA-256 of the canonical text of a JSON node.</summary>
    public static string Hash(JsonNode? node) => Hash(node?.ToJsonString() ?? "null");

    /// <summary>Lowercase hex SHA-256 of a text's UTF-8 bytes.</summary>
    public static string Sha256(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output);
                break;
            case JsonValueKind.Array:
                Append(output, "["u8);
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        Append(output, ","u8);
                    }

                    first = false;
                    Write(item, output);
                }

                Append(output, "]"u8);
                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element)[1..^1];
                WriteString(raw, raw.IndexOf((byte)'\\') < 0 ? null : element.GetString(), output);
                break;
            case JsonValueKind.Number:
                WriteNumber(element, output);
                break;
            case JsonValueKind.True:
                Append(output, "true"u8);
                break;
            case JsonValueKind.False:
                Append(output, "false"u8);
                break;
            default:
                Append(output, "null"u8);
                break;
        }
    }

    // Properties sorted in a pooled array, by their raw bytes where that gives UTF-16 order: no string per name.
    private static void WriteObject(JsonElement element, IBufferWriter<byte> output)
    {
        var count = element.GetPropertyCount();
        var pooled = ArrayPool<JsonProperty>.Shared.Rent(count);
        var properties = pooled.AsSpan(0, count);
        try
        {
            var n = 0;
            foreach (var property in element.EnumerateObject())
            {
                properties[n++] = property;
            }

            properties.Sort(CompareNames);
            Append(output, "{"u8);
            for (var i = 0; i < properties.Length; i++)
            {
                if (i > 0)
                {
                    Append(output, ","u8);
                }

                var name = JsonMarshal.GetRawUtf8PropertyName(properties[i]);
                WriteString(name, name.IndexOf((byte)'\\') < 0 ? null : properties[i].Name, output);
                Append(output, ":"u8);
                Write(properties[i].Value, output);
            }

            Append(output, "}"u8);
        }
        finally
        {
            // The properties hold the document; a pooled array must not keep it alive.
            properties.Clear();
            ArrayPool<JsonProperty>.Shared.Return(pooled);
        }
    }

    // Plain ASCII names compare the same as bytes and as UTF-16 code units; anything else (escapes, and UTF-8, whose
    // byte order puts U+10000 and up after U+E000–U+FFFF where UTF-16 puts them before) compares as decoded text.
    private static int CompareNames(JsonProperty a, JsonProperty b)
    {
        var x = JsonMarshal.GetRawUtf8PropertyName(a);
        var y = JsonMarshal.GetRawUtf8PropertyName(b);
        return IsPlainAscii(x) && IsPlainAscii(y) ? x.SequenceCompareTo(y) : string.CompareOrdinal(a.Name, b.Name);
    }

    private static bool IsPlainAscii(ReadOnlySpan<byte> raw) => raw.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0 && raw.IndexOf((byte)'\\') < 0;

    // Text without escapes is already canonical: copy its bytes. Escaped text is decoded and written anew.
    private static void WriteString(ReadOnlySpan<byte> raw, string? decoded, IBufferWriter<byte> output)
    {
        Append(output, "\""u8);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            Append(output, raw);
        }
        else
        {
            Append(output, Encoding.UTF8.GetBytes(Escape(decoded ?? string.Empty)));
        }

        Append(output, "\""u8);
    }

    private static void WriteNumber(JsonElement element, IBufferWriter<byte> output)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (IsPlainInteger(raw))
        {
            Append(output, raw);
            return;
        }

        Append(output, Encoding.ASCII.GetBytes(FormatNumber(element.GetDouble())));
    }

    // -?[1-9][0-9]{0,14}: exact in a double and printed the same by JavaScript.
    private static bool IsPlainInteger(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == (byte)'-' ? raw[1..] : raw;
        if (digits.Length is 0 or > 15 || digits[0] == (byte)'0')
        {
            return raw.SequenceEqual("0"u8);
        }

        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats a number as JavaScript's Number.prototype.toString does (1, 1.5, 1e+21, 1e-7).</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "null";
        }

        if (value == 0)
        {
            return "0";
        }

        if (Math.Abs(value) < 1e21 && Math.Abs(value) >= 1e-6)
        {
            var fixedText = value.ToString("R", CultureInfo.InvariantCulture);
            if (!fixedText.Contains('E', StringComparison.Ordinal))
            {
                return fixedText;
            }

            return decimal.TryParse(fixedText, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                ? exact.ToString(CultureInfo.InvariantCulture)
                : fixedText;
        }

        var scientific = value.ToString("R", CultureInfo.InvariantCulture);
        var e = scientific.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return scientific;
        }

        var mantissa = scientific[..e];
        var exponent = int.Parse(scientific[(e + 1)..], CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent >= 0 ? "+" : "-")}{Math.Abs(exponent)}";
    }

    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private static void Append(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
