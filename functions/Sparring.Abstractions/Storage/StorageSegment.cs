using System.Text.RegularExpressions;

namespace Sparring.Abstractions.Storage;

/// <summary>
/// The rule for one part of a storage name (run id, episode id, environment name and version, run file name, model
/// name and version): what the stores check, and what the HTTP API checks at the door, so both accept the same names.
/// Run ids are also orchestration instance ids, which the rule keeps valid (no ':' or '/').
/// </summary>
public static partial class StorageSegment
{
    /// <summary>The longest segment allowed.</summary>
    public const int MaxLength = 200;

    /// <summary>The rule in words, for error messages.</summary>
    public static string Rule { get; } = $"letters, digits, '-', '_' and '.', starting with a letter or digit, without '..', at most {MaxLength} characters";

    /// <summary>Whether <paramref name="value"/> is a valid segment: nothing that could reach outside its folder.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: <= MaxLength } && Pattern().IsMatch(value) && !value.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
