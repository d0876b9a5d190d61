using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Sparring.Engine.State;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Templates;

/// <summary>
/// Which split a key value belongs to, as generators ask it through <c>ctx.splitOf(value)</c>: the split of a
/// scenario written by hand with that key, train for a key an SFT transcript has, else a stable hash of the value
/// puts <c>testPercent</c> of the values in test. Thread-safe.
/// </summary>
internal sealed class SplitPartition
{
    private readonly IReadOnlyDictionary<string, string> _reserved;
    private readonly int _testPercent;
    private readonly ConcurrentDictionary<string, string> _hashed = new(StringComparer.Ordinal);

    /// <param name="testPercent">The share of other values, in percent, that go to test.</param>
    /// <param name="reserved">Key values whose split is already decided (by a scenario or a transcript).</param>
    public SplitPartition(int testPercent, IReadOnlyDictionary<string, string> reserved)
    {
        _testPercent = testPercent;
        _reserved = reserved;
        var parts = new JsonArray { "split-partition", testPercent };
        foreach (var (value, split) in reserved.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            parts.Add(value);
            parts.Add(split);
        }

        Fingerprint = CanonicalJson.Hash(parts);
    }

    /// <summary>A hash of everything that decides the answers: what a generator's output may depend on.</summary>
    public string Fingerprint { get; }

    /// <summary>train or test.</summary>
    public string SplitOf(string value) =>
        _reserved.TryGetValue(value, out var split)
            ? split
            : _hashed.GetOrAdd(value, v => DeterministicRandom.SeedFrom("split-key/" + v) % 100 < (ulong)_testPercent ? "test" : "train");
}
