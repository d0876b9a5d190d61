using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;
using Sparring.Engine.Environments;
using Sparring.Training.Checkpoints;
using Sparring.Abstractions.TrainingJobs;
using static TorchSharp.torch;

namespace Sparring.Training.Jobs;

/// <summary>One job's attempt: its settings, its local folder, the device, and the store its checkpoints come from and go to.</summary>
internal sealed class JobContext
{
    private const string PartialInfix = "-partial-";

    public required TrainingJob Job { get; init; }

    public required Hyperparameters Hyperparameters { get; init; }

    /// <summary>The job's local folder; deleted when the attempt ends.</summary>
    public required string Folder { get; init; }

    public required Device Device { get; init; }

    public required ICheckpointStore Checkpoints { get; init; }

    public required JobDatasets Datasets { get; init; }

    public required IEnvironmentSource Environments { get; init; }

    public required TrainingJobRunnerOptions Options { get; init; }

    public required ILoggerFactory Logging { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>Where the trained checkpoint is written before it is uploaded as the job's output.</summary>
    public string OutputFolder => Path.Combine(Folder, "output");

    /// <summary>The version a checkpoint saved after <paramref name="steps"/> steps of an interrupted attempt is stored as.</summary>
    public static ModelReference PartialOf(ModelReference output, long steps) =>
        new(output.Name, string.Create(CultureInfo.InvariantCulture, $"{output.Version}{PartialInfix}{steps}"));

    /// <summary>Downloads a stored checkpoint named by the job; one that is not stored fails the job for good, naming <paramref name="what"/>.</summary>
    public async Task<string> DownloadAsync(ModelReference model, string what, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Folder, "downloads", $"{model.Name}@{model.Version}");
        try
        {
            await Checkpoints.DownloadAsync(Job.Tenant, model, folder, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointNotFoundException ex)
        {
            throw new PermanentJobFailureException($"{what} {model}: not stored for tenant {Job.Tenant} ({ex.Message})", ex);
        }

        Logger.LogInformation("Job {JobId}: downloaded {What} {Model}", Job.JobId, what, model);
        return folder;
    }

    /// <summary>Resolves "name@version" or "name@current" and downloads it; a reference to nothing fails the job for good.</summary>
    public async Task<(ModelReference Model, string Folder)> ResolveAndDownloadAsync(string reference, string what, CancellationToken cancellationToken)
    {
        ModelReference model;
        try
        {
            model = await Checkpoints.ResolveAsync(Job.Tenant, reference, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FormatException or CheckpointNotFoundException)
        {
            throw new PermanentJobFailureException($"{what} '{reference}': {ex.Message}", ex);
        }

        return (model, await DownloadAsync(model, what, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The job's environment, materialized and loaded; one that does not exist or does not load fails the job for good.</summary>
    public async Task<LoadedEnvironment> LoadEnvironmentAsync(CancellationToken cancellationToken)
    {
        try
        {
            var folder = await Environments.MaterializeAsync(Job.Tenant, Job.Environment, cancellationToken).ConfigureAwait(false);
            return await new EnvironmentLoader(Logging.CreateLogger<EnvironmentLoader>()).LoadAsync(folder, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EnvironmentNotFoundException or EnvironmentSpecException or ArgumentException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PermanentJobFailureException($"environment {Job.Environment}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The checkpoint an interrupted attempt of this job left (the one with the most steps), downloaded; none when there
    /// is none or it is of another kind of training than <paramref name="kind"/> (the job's kind when null; a ppo job
    /// passes its algorithm, so a GRPO job never resumes a PPO attempt's weights).
    /// </summary>
    public async Task<(string Folder, long Steps)?> FindPartialAsync(string? kind, CancellationToken cancellationToken)
    {
        var prefix = Job.Output.Version + PartialInfix;
        var versions = await Checkpoints.ListVersionsAsync(Job.Tenant, Job.Output.Name, cancellationToken).ConfigureAwait(false);
        var latest = versions
            .Where(version => version.StartsWith(prefix, StringComparison.Ordinal))
            .Select(version => long.TryParse(version.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var steps) ? steps : -1)
            .Where(steps => steps > 0)
            .DefaultIfEmpty(0)
            .Max();
        if (latest == 0)
        {
            return null;
        }

        var model = PartialOf(Job.Output, latest);
        var folder = await DownloadAsync(model, "partial checkpoint", cancellationToken).ConfigureAwait(false);
        var metadataPath = Path.Combine(folder, PolicyCheckpoint.MetadataFile);
        kind ??= Kinds.Name(Job.Kind);
        var metadata = File.Exists(metadataPath) ? JsonSerializer.Deserialize(await File.ReadAllTextAsync(metadataPath, cancellationToken).ConfigureAwait(false), TrainingJsonContext.Default.TrainingMetadata) : null;
        if (metadata is not { Complete: false } || metadata.Kind != kind)
        {
            Logger.LogWarning("Job {JobId}: partial checkpoint {Model} is not of a {Kind} job; starting afresh", Job.JobId, model, kind);
            return null;
        }

        Logger.LogInformation("Job {JobId}: resuming from {Model} after {Steps} steps", Job.JobId, model, latest);
        return (folder, latest);
    }

    /// <summary>
    /// Stores <paramref name="folder"/> as the partial checkpoint after <paramref name="steps"/> steps. It runs while the
    /// worker stops, so it is not cancelled: the host's shutdown timeout bounds it.
    /// </summary>
    public async Task SavePartialAsync(string folder, long steps)
    {
        var model = PartialOf(Job.Output, steps);
        try
        {
            await Checkpoints.SaveAsync(Job.Tenant, model, folder, CancellationToken.None).ConfigureAwait(false);
            Logger.LogInformation("Job {JobId}: interrupted after {Steps} steps; saved {Model} to resume from", Job.JobId, steps, model);
        }
        catch (CheckpointConflictException)
        {
            Logger.LogInformation("Job {JobId}: interrupted after {Steps} steps; {Model} is stored already and is kept", Job.JobId, steps, model);
        }
    }
}
