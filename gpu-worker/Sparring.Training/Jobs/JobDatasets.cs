using System.Text.Json;
using Sparring.Abstractions.Json;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Training.Data;
using Sparring.Abstractions.TrainingJobs;

namespace Sparring.Training.Jobs;

/// <summary>
/// Reads what a job's datasets name: chat JSONL files in the tenant's storage or runs' dataset.jsonl (SFT), and
/// trajectories of runs or trajectory JSONL files (reward models). A reference to nothing fails the job for good.
/// </summary>
internal sealed class JobDatasets(ITrajectoryStore runs, ITenantFiles files)
{
    /// <summary>Every conversation of the job's datasets, in their order.</summary>
    public async Task<IReadOnlyList<ChatExample>> ConversationsAsync(TrainingJob job, CancellationToken cancellationToken)
    {
        var examples = new List<ChatExample>();
        for (var index = 0; index < Required(job).Count; index++)
        {
            var (stream, name) = await OpenAsync(job, index, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var read = await Parse(() => ChatJsonl.ReadAsync(stream, name, cancellationToken)).ConfigureAwait(false);
                if (read.Count == 0)
                {
                    throw new PermanentJobFailureException($"datasets[{index}]: {name} holds no conversations");
                }

                examples.AddRange(read);
            }
        }

        return examples;
    }

    /// <summary>Every trajectory of the job's datasets: a run's episodes, or a file of one trajectory a line.</summary>
    public async Task<IReadOnlyList<Trajectory>> TrajectoriesAsync(TrainingJob job, CancellationToken cancellationToken)
    {
        var trajectories = new List<Trajectory>();
        for (var index = 0; index < Required(job).Count; index++)
        {
            var dataset = job.Datasets[index];
            if (dataset is { RunId: { } runId, Path: null })
            {
                var run = Key(job, index, runId);
                var before = trajectories.Count;
                await foreach (var trajectory in runs.ReadAllAsync(run, cancellationToken).ConfigureAwait(false))
                {
                    trajectories.Add(trajectory);
                }

                if (trajectories.Count == before)
                {
                    throw new PermanentJobFailureException($"datasets[{index}]: run {run.Prefix} has no trajectories");
                }

                continue;
            }

            var (stream, name) = await OpenAsync(job, index, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                trajectories.AddRange(await Parse(() => ReadTrajectoriesAsync(stream, name, cancellationToken)).ConfigureAwait(false));
            }
        }

        return trajectories;
    }

    /// <summary>How the datasets are written in a checkpoint's training.json.</summary>
    public static IReadOnlyList<string> Describe(TrainingJob job) =>
        [.. job.Datasets.Select(dataset => dataset.RunId is { } runId ? $"runs/{runId}" : dataset.Path ?? "?")];

    private static IReadOnlyList<DatasetReference> Required(TrainingJob job) =>
        job.Datasets.Count > 0 ? job.Datasets : throw new PermanentJobFailureException($"a {Kinds.Name(job.Kind)} job needs at least one dataset (a path in the tenant's storage or a runId)");

    private async Task<(Stream Stream, string Name)> OpenAsync(TrainingJob job, int index, CancellationToken cancellationToken)
    {
        var dataset = job.Datasets[index];
        switch (dataset)
        {
            case { Path: { } path, RunId: null }:
                Stream? file;
                try
                {
                    file = await files.OpenReadAsync(job.Tenant, path, cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException ex)
                {
                    throw new PermanentJobFailureException($"datasets[{index}].path: {ex.Message.Split(" (Parameter")[0]}", ex);
                }

                return (file ?? throw new PermanentJobFailureException($"datasets[{index}]: {job.Tenant}/{path} does not exist in the tenant's storage"), $"{job.Tenant}/{path}");
            case { RunId: { } runId, Path: null }:
                var run = Key(job, index, runId);
                Stream? content;
                try
                {
                    content = await runs.OpenFileAsync(run, RunFiles.Dataset, cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException ex)
                {
                    throw new PermanentJobFailureException($"datasets[{index}].runId: {ex.Message.Split(" (Parameter")[0]}", ex);
                }

                return (content ?? throw new PermanentJobFailureException($"datasets[{index}]: run {run.Prefix} has no {RunFiles.Dataset}"), run.PathOf(RunFiles.Dataset));
            default:
                throw new PermanentJobFailureException($"datasets[{index}]: set exactly one of path and runId");
        }
    }

    private static RunKey Key(TrainingJob job, int index, string runId) =>
        string.IsNullOrWhiteSpace(runId) ? throw new PermanentJobFailureException($"datasets[{index}].runId is empty") : new RunKey(job.Tenant, runId);

    private static async Task<T> Parse<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new PermanentJobFailureException(ex.Message, ex);
        }
    }

    private static async Task<IReadOnlyList<Trajectory>> ReadTrajectoriesAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var trajectories = new List<Trajectory>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                trajectories.Add(JsonSerializer.Deserialize(line, SparringJsonContext.Default.Trajectory) ?? throw new InvalidDataException($"{name}:{lineNumber}: not a trajectory"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{name}:{lineNumber}: {ex.Path}: {ex.Message}", ex);
            }
        }

        return trajectories.Count > 0 ? trajectories : throw new InvalidDataException($"{name}: no trajectories");
    }
}
