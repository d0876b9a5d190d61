using System.Text.Json;

namespace Sparring.Engine.Environments;

/// <summary>Scenarios as JSON in the spec's own shape (camelCase, lowercase enums), for scenarios kept outside a spec file.</summary>
public static class ScenarioJson
{
    /// <summary>The scenarios as a JSON array.</summary>
    public static byte[] Serialize(IReadOnlyList<ScenarioSpec> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        return JsonSerializer.SerializeToUtf8Bytes(scenarios, SpecJsonContext.Default.IReadOnlyListScenarioSpec);
    }

    /// <summary>Reads a JSON array of scenarios; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The content is not a list of scenarios.</exception>
    public static async Task<IReadOnlyList<ScenarioSpec>> DeserializeAsync(Stream content, string source, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(content, SpecJsonContext.Default.IReadOnlyListScenarioSpec, cancellationToken).ConfigureAwait(false) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a list of scenarios ({ex.Path}): {ex.Message}", ex);
        }
    }
}
