using Sparring.Abstractions.Trajectories;
using Sparring.Engine.Templates;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Environments;

/// <summary>A validated environment ready to run: its spec, compiled tools and the gold state hash of every scenario.</summary>
public sealed class LoadedEnvironment
{
    private readonly Dictionary<string, ScenarioSpec> _scenarios;

    internal LoadedEnvironment(EnvironmentSpec spec, string sourcePath, string contentHash, ToolSandbox tools, IReadOnlyDictionary<string, string> goldStateHashes, Users.IMockUserSource? users = null, TemplateLoadStats? templates = null)
    {
        Users = users;
        Templates = templates ?? TemplateLoadStats.None;
        Spec = spec;
        SourcePath = sourcePath;
        ContentHash = contentHash;
        Tools = tools;
        GoldStateHashes = goldStateHashes;
        _scenarios = spec.Scenarios.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// The spec as written, with its files inlined, and its templates' instances in <see cref="EnvironmentSpec.Scenarios"/>
    /// after the scenarios written by hand (each with <see cref="ScenarioSpec.Template"/> set).
    /// </summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>The spec file it was loaded from.</summary>
    public string SourcePath { get; }

    /// <summary>SHA-256 of the canonical JSON of the whole spec, files inlined: any change gives another hash.</summary>
    public string ContentHash { get; }

    /// <summary>Name, version and content hash, as trajectories record them.</summary>
    public EnvironmentIdentity Identity => new(Spec.Name, Spec.Version, ContentHash);

    /// <summary>The compiled tools.</summary>
    public ToolSandbox Tools { get; }

    /// <summary>Mock users that come with this environment (grounded in its transcripts), tried before the catalog's own.</summary>
    public Users.IMockUserSource? Users { get; }

    /// <summary>How the load made the templates' instances (none without templates).</summary>
    public TemplateLoadStats Templates { get; }

    /// <summary>Scenario id → hash of the state after its gold actions.</summary>
    public IReadOnlyDictionary<string, string> GoldStateHashes { get; }

    /// <summary>The scenario with this id.</summary>
    /// <exception cref="KeyNotFoundException">No such scenario.</exception>
    public ScenarioSpec Scenario(string id) =>
        _scenarios.TryGetValue(id, out var scenario)
            ? scenario
            : throw new KeyNotFoundException($"Environment '{Spec.Name}' has no scenario '{id}' (scenarios: {string.Join(", ", _scenarios.Keys.Take(20))}{(_scenarios.Count > 20 ? ", …" : string.Empty)}).");

    /// <summary>
    /// This environment with more scenarios (derived from transcripts, say). They may carry no gold actions, so their
    /// gold state is the initial state; the content hash changes with their ids.
    /// </summary>
    /// <exception cref="ArgumentException">A scenario has gold actions or an id the environment already has.</exception>
    public LoadedEnvironment WithScenarios(IReadOnlyList<ScenarioSpec> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        var ids = new HashSet<string>(_scenarios.Keys, StringComparer.Ordinal);
        foreach (var scenario in added)
        {
            if (scenario.Expected.Actions.Count > 0)
            {
                throw new ArgumentException($"Scenario '{scenario.Id}' has gold actions; only scenarios without them can be added to a loaded environment.", nameof(added));
            }

            if (!ids.Add(scenario.Id))
            {
                throw new ArgumentException($"Environment '{Spec.Name}' already has a scenario '{scenario.Id}'.", nameof(added));
            }
        }

        var initial = State.CanonicalJson.Hash(Tools.InitialStateJson);
        var gold = new Dictionary<string, string>(GoldStateHashes, StringComparer.Ordinal);
        foreach (var scenario in added)
        {
            gold[scenario.Id] = initial;
        }

        var hash = State.CanonicalJson.Hash(new System.Text.Json.Nodes.JsonArray([ContentHash, .. added.Select(s => (System.Text.Json.Nodes.JsonNode?)s.Id)]));
        return new LoadedEnvironment(Spec with { Scenarios = [.. Spec.Scenarios, .. added] }, SourcePath, hash, Tools, gold, Users, Templates);
    }

    /// <summary>
    /// This environment with its own mock users; <paramref name="identity"/> (the grounding material's name or hash) goes
    /// into the content hash, since the users change what episodes say.
    /// </summary>
    public LoadedEnvironment WithUsers(Users.IMockUserSource users, string identity)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        var hash = State.CanonicalJson.Hash(new System.Text.Json.Nodes.JsonArray([ContentHash, "users", identity]));
        return new LoadedEnvironment(Spec, SourcePath, hash, Tools, new Dictionary<string, string>(GoldStateHashes, StringComparer.Ordinal), users, Templates);
    }
}
