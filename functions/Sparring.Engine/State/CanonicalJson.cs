using System.Globalization;
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
        var text = new StringBuilder();
        Write(element, text);
        return text.ToString();
    }

    /// <summary>Lowercase hex SHA-256 of the canonical text of a JSON document.</summary>
    public static string Hash(string json) => Sha256(Serialize(json));

    /// <summary>Lowercase hex SHA-256 of the canonical text of a JSON node.</summary>
    public static string Hash(JsonNode? node) => Sha256(Serialize(node));

    /// <summary>Lowercase hex SHA-256 of a text's UTF-8 bytes.</summary>
    public static string Sha256(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void Write(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    WriteString(property.Name, text);
                    text.Append(':');
                    Write(property.Value, text);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        text.Append(',');
                    }

                    firstItem = false;
                    Write(item, text);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, text);
                break;
            case JsonValueKind.Number:
                text.Append(FormatNumber(element.GetDouble()));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
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

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
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

        text.Append('"');
    }
}
