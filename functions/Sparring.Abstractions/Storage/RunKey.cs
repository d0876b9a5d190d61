namespace Sparring.Abstractions.Storage;

/// <summary>Identifies a run within a tenant; every blob of the run lives under {tenant}/runs/{runId}/.</summary>
/// <param name="Tenant">The tenant (lowercase letters, digits, dashes).</param>
/// <param name="RunId">The run id (letters, digits, dashes, underscores, dots).</param>
public sealed record RunKey(string Tenant, string RunId)
{
    /// <summary>The folder of a tenant that holds its runs.</summary>
    public const string RunsFolder = "runs";

    /// <summary>The blob prefix of the run: {tenant}/runs/{runId}/.</summary>
    public string Prefix => $"{Tenant}/{RunsFolder}/{RunId}/";

    /// <summary>The full name of one of the run's files, {tenant}/runs/{runId}/{fileName} (names in <see cref="RunFiles"/>).</summary>
    public string PathOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Prefix + fileName;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Tenant}/{RunId}";
}
