namespace Sparring.Abstractions.Storage;

/// <summary>
/// Brings an environment (its spec and the files beside it) into a local folder the loader can read: a folder on
/// disk as it is, or the blobs under {tenant}/envs/{name}/{version}/ downloaded once into a cache.
/// </summary>
public interface IEnvironmentSource
{
    /// <summary>The local folder holding the environment.</summary>
    Task<string> MaterializeAsync(string tenant, EnvironmentReference reference, CancellationToken cancellationToken);
}

/// <summary>Which environment a run uses: a path (a local folder), or a name and version stored for the tenant.</summary>
/// <param name="Path">A local folder or spec file.</param>
/// <param name="Name">The environment's name in the tenant's storage.</param>
/// <param name="Version">The version in the tenant's storage.</param>
/// <param name="Grounding">
/// A tenant file of redacted transcripts: the environment then also holds the scenarios derived from them, played by
/// users grounded in them (the nightly retraining's environments).
/// </param>
public sealed record EnvironmentReference(string? Path = null, string? Name = null, string? Version = null, string? Grounding = null)
{
    /// <inheritdoc />
    public override string ToString() => (Path ?? $"{Name}@{Version}") + (Grounding is null ? string.Empty : $" + {Grounding}");
}
