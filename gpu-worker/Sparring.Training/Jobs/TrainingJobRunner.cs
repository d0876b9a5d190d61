using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;
using Sparring.Training.Checkpoints;
using Sparring.Abstractions.TrainingJobs;
using Sparring.Engine.Telemetry;
using Sparring.Training.Telemetry;
using static TorchSharp.torch;

namespace Sparring.Training.Jobs;

/// <summary>
/// Trains the worker's jobs: sft, reward-model and ppo (docs/training.md, "Training jobs"). A job whose output checkpoint
/// is stored already is not trained again. Hyperparameters are read by name and checked before anything is downloaded;
/// a bad one, or a dataset, base checkpoint or environment that does not exist, fails the job for good. An interrupted
/// sft or ppo attempt stores a partial checkpoint, {output version}-partial-{steps}, that the next attempt resumes from.
/// The output is uploaded to the store; the model's current pointer moves only when the job says <c>promote: true</c>.
/// </summary>
public sealed class TrainingJobRunner : ITrainingJobRunner
{
    private readonly ICheckpointStore _checkpoints;
    private readonly JobDatasets _datasets;
    private readonly IEnvironmentSource _environments;
    private readonly TrainingJobRunnerOptions _options;
    private readonly ILoggerFactory _logging;
    private readonly ILogger _logger;

    /// <summary>A runner reading and writing the given stores.</summary>
    /// <param name="checkpoints">Base checkpoints come from it, outputs and partial checkpoints go to it.</param>
    /// <param name="runs">Runs whose dataset.jsonl (sft) or trajectories (reward-model) a job names.</param>
    /// <param name="files">The tenants' files a job names by path (transcripts).</param>
    /// <param name="environments">Where the environment of a ppo job comes from.</param>
    /// <param name="options">Work folder and device.</param>
    /// <param name="logging">Logs progress per step and iteration.</param>
    public TrainingJobRunner(ICheckpointStore checkpoints, ITrajectoryStore runs, ITenantFiles files, IEnvironmentSource environments, TrainingJobRunnerOptions options, ILoggerFactory logging)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logging);
        _checkpoints = checkpoints;
        _datasets = new JobDatasets(runs, files);
        _environments = environments;
        _options = options;
        _logging = logging;
        _logger = logging.CreateLogger<TrainingJobRunner>();
    }

    /// <inheritdoc />
    public async Task<TrainingJobResult> RunAsync(TrainingJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var kind = Kinds.Name(job.Kind);
        using var scope = _logger.BeginScope(new Dictionary<string, object?>(StringComparer.Ordinal) { ["JobId"] = job.JobId, ["Tenant"] = job.Tenant });
        using var activity = TrainingTelemetry.Source.StartActivity("training job");
        if (activity is not null)
        {
            activity.DisplayName = $"training job {kind} {job.JobId}";
            activity.SetTag(TelemetryTags.JobId, job.JobId);
            activity.SetTag(TelemetryTags.JobKind, kind);
            activity.SetTag(TelemetryTags.Tenant, job.Tenant);
            activity.SetTag("sparring.job.output", job.Output.ToString());
        }

        var hyperparameters = new Hyperparameters(job.Hyperparameters, kind);
        var promote = hyperparameters.Bool("promote", false);
        bool stored;
        try
        {
            stored = await _checkpoints.ExistsAsync(job.Tenant, job.Output, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new PermanentJobFailureException($"tenant '{job.Tenant}': {ex.Message.Split(" (Parameter")[0]}", ex);
        }

        if (stored)
        {
            _logger.LogInformation("Job {JobId}: {Output} of tenant {Tenant} is stored already; nothing to train", job.JobId, job.Output, job.Tenant);
            await PromoteAsync(job, promote, cancellationToken).ConfigureAwait(false);
            return new TrainingJobResult(job.Output, AlreadyTrained: true);
        }

        var folder = FolderOf(job);
        DeleteFolder(folder);
        try
        {
            var context = new JobContext
            {
                Job = job,
                Hyperparameters = hyperparameters,
                Folder = folder,
                Device = ResolveDevice(),
                Checkpoints = _checkpoints,
                Datasets = _datasets,
                Environments = _environments,
                Options = _options,
                Logging = _logging,
                Logger = _logger,
            };
            _logger.LogInformation("Job {JobId}: {Kind} for tenant {Tenant} into {Output} on {Device}", job.JobId, kind, job.Tenant, job.Output, context.Device.type);
            try
            {
                await (job.Kind switch
                {
                    TrainingKind.Sft => SftJob.RunAsync(context, cancellationToken),
                    TrainingKind.RewardModel => RewardModelJob.RunAsync(context, cancellationToken),
                    _ => PpoJob.RunAsync(context, cancellationToken),
                }).ConfigureAwait(false);
            }
            catch (CheckpointMismatchException ex)
            {
                throw new PermanentJobFailureException($"a checkpoint the job names does not load: {ex.Message}", ex);
            }

            try
            {
                await _checkpoints.SaveAsync(job.Tenant, job.Output, context.OutputFolder, cancellationToken).ConfigureAwait(false);
            }
            catch (CheckpointConflictException ex)
            {
                // Another attempt of the same job stored the output first (a lost lock): the job is done, by that attempt.
                _logger.LogWarning(ex, "Job {JobId}: {Output} was stored by another attempt meanwhile; keeping that one", job.JobId, job.Output);
                await PromoteAsync(job, promote, cancellationToken).ConfigureAwait(false);
                return new TrainingJobResult(job.Output, AlreadyTrained: true);
            }

            _logger.LogInformation("Job {JobId}: stored {Output} for tenant {Tenant}", job.JobId, job.Output, job.Tenant);
            await PromoteAsync(job, promote, cancellationToken).ConfigureAwait(false);
            return new TrainingJobResult(job.Output, AlreadyTrained: false);
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    private async Task PromoteAsync(TrainingJob job, bool promote, CancellationToken cancellationToken)
    {
        if (promote)
        {
            await _checkpoints.SetCurrentAsync(job.Tenant, job.Output, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Job {JobId}: {Output} is now the current version of {Name}", job.JobId, job.Output, job.Output.Name);
        }
    }

    private Device ResolveDevice() => TrainingDevices.Resolve(_options.Device);

    // Job ids are free text: the folder gets a readable part and a hash, so two ids never share one.
    private string FolderOf(TrainingJob job)
    {
        var readable = new string([.. job.JobId.Take(40).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{job.Tenant}\n{job.JobId}")))[..12];
        return Path.Combine(Path.GetFullPath(_options.WorkFolder), job.Tenant, $"{readable}-{hash}");
    }

    private void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Could not delete the work folder {Folder}", folder);
        }
    }
}
