using System.Globalization;
using System.Text.Json;

namespace Sparring.Functions.Http;

/// <summary>
/// Reads the fields of one JSON object and records, rather than throws, every field that is of the wrong type or
/// out of range, so a caller learns all that is wrong with a request at once. A field that is null counts as absent.
/// </summary>
internal sealed class JsonFieldReader
{
    private readonly JsonElement _element;
    private readonly string _prefix;
    private readonly ValidationErrors _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public JsonFieldReader(JsonElement element, string prefix, ValidationErrors errors)
    {
        _element = element;
        _prefix = prefix;
        _errors = errors;
    }

    /// <summary>The path of a field of this object, as error messages name it.</summary>
    public string PathOf(string name) => _prefix + name;

    public string? String(string name, bool required = false)
    {
        if (Field(name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Invalid<string>(name, "must be a string");
        }

        var text = value.GetString()!;
        return text.Length == 0 ? Invalid<string>(name, "must not be empty") : text;
    }

    public int? Integer(string name, int min, int max)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        var range = string.Create(CultureInfo.InvariantCulture, $"must be an integer from {min} to {max}");
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : Invalid<int?>(name, range);
    }

    public long? Long(string name)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : Invalid<long?>(name, "must be a 64-bit integer");
    }

    public double? Number(string name, double min, double max)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        var range = string.Create(CultureInfo.InvariantCulture, $"must be a number from {min} to {max}");
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= min && number <= max
            ? number
            : Invalid<double?>(name, range);
    }

    public JsonFieldReader? Object(string name, bool required = false)
    {
        if (Field(name, required) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? new JsonFieldReader(value, PathOf(name) + ".", _errors)
            : Invalid<JsonFieldReader>(name, "must be an object");
    }

    /// <summary>An array of non-empty strings; each bad item is reported at its own index.</summary>
    public IReadOnlyList<string>? Strings(string name, int maxCount)
    {
        if (Field(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return Invalid<IReadOnlyList<string>>(name, "must be an array of strings");
        }

        if (value.GetArrayLength() > maxCount)
        {
            return Invalid<IReadOnlyList<string>>(name, string.Create(CultureInfo.InvariantCulture, $"must have at most {maxCount} items"));
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text)
            {
                items.Add(text);
            }
            else
            {
                _errors.Add(string.Create(CultureInfo.InvariantCulture, $"{PathOf(name)}[{index}]"), "must be a non-empty string");
            }

            index++;
        }

        return items;
    }

    /// <summary>Reports every field of the object that no read asked for: a misspelt field is a mistake, not a default.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in _element.EnumerateObject().Where(p => !_read.Contains(p.Name)))
        {
            _errors.Add(PathOf(property.Name), "is not a known field (field names are case-sensitive camelCase)");
        }
    }

    /// <summary>Adds a message for a field whose value was read but breaks a rule the reader cannot know.</summary>
    public void Error(string name, string message) => _errors.Add(PathOf(name), message);

    private JsonElement? Field(string name, bool required = false)
    {
        _read.Add(name);
        if (_element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            _errors.Add(PathOf(name), "is required");
        }

        return null;
    }

    private T? Invalid<T>(string name, string message)
    {
        _errors.Add(PathOf(name), message);
        return default;
    }
}
