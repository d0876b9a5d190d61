using System.Text.RegularExpressions;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage;

/// <summary>
/// Builds the storage layout's names ({tenant}/runs/{runId}/…, {tenant}/envs/{name}/{version}/…) and checks every
/// part that goes into one, so a caller's value can never reach outside its tenant or run (no '/', no '..').
/// </summary>
internal static partial class StorageNames
{
    public static string Episode(RunKey run, string episodeId) => $"{EpisodesPrefix(run)}{EpisodeId(episodeId)}.json";

    public static string EpisodesPrefix(RunKey run) => Checked(run).PathOf(RunFiles.EpisodesFolder + "/");

    public static string Report(RunKey run) => Checked(run).PathOf(RunFiles.Report);

    public static string File(RunKey run, string name) => Checked(run).PathOf(FileName(name));

    public static string EnvironmentPrefix(string tenant, string name, string version) =>
        $"{Tenant(tenant)}/envs/{Segment(name, nameof(name), "Environment name")}/{Segment(version, nameof(version), "Environment version")}/";

    /// <summary>The folder of a model's versions and pointer, {tenant}/models/{name}/, after checking both parts.</summary>
    public static string ModelPrefix(string tenant, string name) => $"{Tenant(tenant)}/models/{ModelReference.ValidateName(name)}/";

    /// <summary>The folder of one checkpoint, {tenant}/models/{name}/{version}/.</summary>
    public static string CheckpointPrefix(string tenant, ModelReference model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"{ModelPrefix(tenant, model.Name)}{model.Version}/";
    }

    /// <summary>The pointer naming a model's current version, {tenant}/models/{name}/current.</summary>
    public static string CurrentPointer(string tenant, string name) => ModelPrefix(tenant, name) + CheckpointPointer.FileName;

    /// <summary>Checks the name of a file in a checkpoint: a plain file name, and not the manifest's.</summary>
    public static string CheckpointFileName(string name)
    {
        Segment(name, nameof(name), "Checkpoint file name");
        if (name == CheckpointManifest.FileName)
        {
            throw new ArgumentException($"Checkpoint file name '{name}' is reserved: the store writes {CheckpointManifest.FileName} itself, after every other file.", nameof(name));
        }

        return name;
    }

    /// <summary>The run's prefix, {tenant}/runs/{runId}/, after checking both parts.</summary>
    public static string Run(RunKey run) => Checked(run).Prefix;

    public static string Tenant(string tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (!TenantPattern().IsMatch(tenant))
        {
            throw new ArgumentException($"Tenant '{tenant}' is not valid: use lowercase letters, digits and '-', starting with a letter or digit (at most 63 characters).", nameof(tenant));
        }

        return tenant;
    }

    public static string EpisodeId(string episodeId) => Segment(episodeId, nameof(episodeId), "Episode id");

    /// <summary>Checks the name of a run's file; the report and the episodes folder have their own methods.</summary>
    public static string FileName(string name)
    {
        Segment(name, nameof(name), "File name");
        if (name is RunFiles.Report or RunFiles.EpisodesFolder)
        {
            throw new ArgumentException($"File name '{name}' is reserved: the report is written with WriteReportAsync and episodes with WriteAsync.", nameof(name));
        }

        return name;
    }

    /// <summary>
    /// The episode id of a blob or file name under the episodes folder, or null for anything else there
    /// (a name without the .json extension, or one no writer of this layout would produce).
    /// </summary>
    public static string? EpisodeIdFromFileName(string fileName)
    {
        if (!fileName.EndsWith(".json", StringComparison.Ordinal))
        {
            return null;
        }

        var id = fileName[..^".json".Length];
        return StorageSegment.IsValid(id) ? id : null;
    }

    /// <summary>A file of the tenant outside runs and models, {tenant}/{path}, after checking both parts.</summary>
    public static string TenantFile(string tenant, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/');
        var invalid = Path.GetInvalidFileNameChars();
        if (parts.Any(p => p.Length == 0 || p is "." or ".." || p.IndexOfAny(invalid) >= 0 || p.Contains('\\', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"File path '{path}' is not a valid path within the tenant: '/'-separated names, without empty, '.', '..' or '\\' parts.", nameof(path));
        }

        return $"{Tenant(tenant)}/{path}";
    }

    /// <summary>
    /// Checks one relative path of an environment's file (a/b/c.yaml), each part of which becomes a folder or file
    /// name on disk when the environment is materialized.
    /// </summary>
    public static string RelativePath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var parts = relativePath.Split('/');
        var invalid = Path.GetInvalidFileNameChars();
        if (parts.Any(p => p.Length == 0 || p is "." or ".." || p.IndexOfAny(invalid) >= 0 || p.Contains('\\', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Environment file '{relativePath}' is not a valid relative path: empty, '.', '..' or '\\' parts are not allowed.", nameof(relativePath));
        }

        return relativePath;
    }

    private static RunKey Checked(RunKey run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Tenant(run.Tenant);
        Segment(run.RunId, nameof(run), "Run id");
        return run;
    }

    private static string Segment(string value, string parameterName, string what)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (!StorageSegment.IsValid(value))
        {
            throw new ArgumentException($"{what} '{value}' is not valid: use {StorageSegment.Rule}.", parameterName);
        }

        return value;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TenantPattern();
}
