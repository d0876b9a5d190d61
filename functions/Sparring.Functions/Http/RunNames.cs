using System.Text.RegularExpressions;

namespace Sparring.Functions.Http;

/// <summary>
/// The naming rules of the storage layout (docs/storage.md), checked at the door so a bad name is a 400 rather than a
/// run that fails in its first activity. Run ids are also orchestration instance ids, which these rules keep valid.
/// </summary>
internal static partial class RunNames
{
    public const int MaxSegmentLength = 200;

    public const string SegmentRule = "letters, digits, '-', '_' and '.', starting with a letter or digit, without '..', at most 200 characters";

    /// <summary>A run id, environment name or version.</summary>
    public static bool IsSegment(string value) =>
        value.Length <= MaxSegmentLength && SegmentPattern().IsMatch(value) && !value.Contains("..", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentPattern();
}
