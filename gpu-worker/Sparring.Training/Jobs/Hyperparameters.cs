using System.Globalization;
using System.Text.Json;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Training.Jobs;

/// <summary>
/// A job's hyperparameters read by name and type. Every name a trainer reads becomes known; after reading,
/// <see cref="EnsureNoneUnknown"/> refuses the names nobody read, so a misspelt setting fails the job instead of being ignored.
/// </summary>
internal sealed class Hyperparameters(IReadOnlyDictionary<string, JsonElement> values, string kind)
{
    private readonly SortedSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>Whether the job sets <paramref name="name"/> (a name asked about is known).</summary>
    public bool Has(string name)
    {
        _known.Add(name);
        return values.ContainsKey(name);
    }

    /// <summary>An integer setting, or <paramref name="fallback"/>.</summary>
    public int Int(string name, int fallback) =>
        Read(name, fallback, "an integer", element => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value) ? value : null);

    /// <summary>A number setting, or <paramref name="fallback"/>.</summary>
    public double Double(string name, double fallback) =>
        Read(name, fallback, "a number", element => element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value) && double.IsFinite(value) ? value : null);

    /// <summary>A true/false setting, or <paramref name="fallback"/>.</summary>
    public bool Bool(string name, bool fallback) =>
        Read(name, fallback, "true or false", element => element.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => (bool?)null });

    /// <summary>A string setting, or <paramref name="fallback"/>.</summary>
    public string? String(string name, string? fallback = null)
    {
        _known.Add(name);
        if (!values.TryGetValue(name, out var element))
        {
            return fallback;
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : throw WrongType(name, "a string", element);
    }

    /// <summary>Refuses the names no read asked for.</summary>
    /// <exception cref="PermanentJobFailureException">The job sets a hyperparameter this kind of job does not take; the message names it.</exception>
    public void EnsureNoneUnknown()
    {
        var unknown = values.Keys.Where(name => !_known.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new PermanentJobFailureException(
                $"unknown hyperparameter{(unknown.Count > 1 ? "s" : string.Empty)} {string.Join(", ", unknown.Select(name => $"'{name}'"))} for a {kind} job (it takes {string.Join(", ", _known)})");
        }
    }

    private T Read<T>(string name, T fallback, string expected, Func<JsonElement, T?> parse)
        where T : struct
    {
        _known.Add(name);
        if (!values.TryGetValue(name, out var element))
        {
            return fallback;
        }

        return parse(element) ?? throw WrongType(name, expected, element);
    }

    private static PermanentJobFailureException WrongType(string name, string expected, JsonElement element) =>
        new(string.Create(CultureInfo.InvariantCulture, $"hyperparameter '{name}' must be {expected}, not {element.GetRawText()}"));
}
