using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Environments;

/// <summary>A validated environment ready to run: its spec, compiled tools and the gold state hash of every scenario.</summary>
public sealed class LoadedEnvironment
{
    private readonly Dictionary<string, ScenarioSpec> _scenarios;

    internal LoadedEnvironment(EnvironmentSpec spec, string sourcePath, string contentHash, ToolSandbox tools, IReadOnlyDictionary<string, string> goldStateHashes)
    {
        Spec = spec;
        SourcePath = sourcePath;
        ContentHash = contentHash;
        Tools = tools;
        GoldStateHashes = goldStateHashes;
        _scenarios = spec.Scenarios.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>The spec as written, with its files inlined.</summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>The spec file it was loaded from.</summary>
    public string SourcePath { get; }

    /// <summary>SHA-256 of the canonical JSON of the whole spec, files inlined: any change gives another hash.</summary>
    public string ContentHash { get; }

    /// <summary>Name, version and content hash, as trajectories record them.</summary>
    public EnvironmentIdentity Identity => new(Spec.Name, Spec.Version, ContentHash);

    /// <summary>The compiled tools.</summary>
    public ToolSandbox Tools { get; }

    /// <summary>Scenario id → hash of the state after its gold actions.</summary>
    public IReadOnlyDictionary<string, string> GoldStateHashes { get; }

    /// <summary>The scenario with this id.</summary>
    /// <exception cref="KeyNotFoundException">No such scenario.</exception>
    public ScenarioSpec Scenario(string id) =>
        _scenarios.TryGetValue(id, out var scenario)
            ? scenario
            : throw new KeyNotFoundException($"Environment '{Spec.Name}' has no scenario '{id}' (scenarios: {string.Join(", ", _scenarios.Keys.Take(20))}{(_scenarios.Count > 20 ? ", …" : string.Empty)}).");
}
