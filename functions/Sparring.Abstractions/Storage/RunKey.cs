namespace Sparring.Abstractions.Storage;

/// <summary>Identifies a run within a tenant; every blob of the run lives under {tenant}/runs/{runId}/.</summary>
/// <param name="Tenant">The tenant (lowercase letters, digits, dashes).</param>
/// <param name="RunId">The run id (letters, digits, dashes, underscores, dots).</param>
public sealed record RunKey(string Tenant, string RunId)
{
    /// <summary>The blob prefix of the run: {tenant}/runs/{runId}/.</summary>
    public string Prefix => $"{Tenant}/runs/{RunId}/";

    /// <inheritdoc />
    public override string ToString() => $"{Tenant}/{RunId}";
}
