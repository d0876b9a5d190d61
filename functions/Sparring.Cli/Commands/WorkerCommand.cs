using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Sparring.Storage;
using Sparring.Training.Jobs;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue;
using Sparring.TrainingQueue.DependencyInjection;
using Sparring.TrainingQueue.InProcess;

namespace Sparring.Cli.Commands;

/// <summary>
/// sparring worker --queue azurite|inprocess: the GPU worker's runner in this process. With azurite it trains the jobs
/// of the Storage queue until Ctrl+C; in process it trains the --job files, one after another, and exits.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration, ILoggerFactory logging)
    {
        var queue = new Option<string>("--queue") { Description = "azurite (the Storage queue of the Worker settings, Azurite by default) or inprocess (the --job files).", DefaultValueFactory = _ => "azurite" };
        queue.AcceptOnlyFromAmong("azurite", "inprocess");
        var jobs = new Option<string[]>("--job") { Description = "Training job JSON files to run (--queue inprocess).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Where checkpoints, runs and transcripts are: a folder, or 'azurite' for Blob storage.", DefaultValueFactory = _ => "azurite" };
        var work = new Option<string?>("--work") { Description = "Scratch folder of the jobs; default sparring/training under the temp folder." };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:<index>.", DefaultValueFactory = _ => "auto" };

        var command = new Command("worker", "Train training jobs (sft, reward-model, ppo) as the GPU worker does: from the Azurite queue until Ctrl+C, or the given job files.")
        {
            queue, jobs, output, work, device,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var inProcess = parse.GetRequiredValue(queue) == "inprocess";
            var files = parse.GetValue(jobs) ?? [];
            if (inProcess != files.Length > 0)
            {
                throw new CliException(inProcess ? "--queue inprocess trains the --job files: give at least one" : "--job files are trained with --queue inprocess");
            }

            var submitted = files.Select(ReadJob).ToList();
            // --queue decides the queue; the other Worker settings (queue names, attempts, delays) come from the configuration.
            var settings = new ConfigurationBuilder()
                .AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { [$"{TrainingWorkerOptions.SectionName}:{nameof(TrainingWorkerOptions.Queue)}"] = inProcess ? "inprocess" : "azurite" })
                .Build();
            TrainingWorkerOptions options;
            try
            {
                options = TrainingWorkerOptions.FromConfiguration(settings);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException(ex.Message);
            }

            if (!inProcess && options.StorageQueueServiceUri is null && string.IsNullOrWhiteSpace(options.StorageConnectionString))
            {
                options.StorageConnectionString = await StorageTargets.ConnectionStringAsync(configuration, console, cancellationToken).ConfigureAwait(false);
            }

            var target = await StorageTargets.ResolveAsync(parse.GetRequiredValue(output), configuration, console, cancellationToken).ConfigureAwait(false);
            var runnerOptions = new TrainingJobRunnerOptions { Device = parse.GetRequiredValue(device) };
            if (parse.GetValue(work) is { } folder)
            {
                runnerOptions = runnerOptions with { WorkFolder = folder };
            }

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSingleton(logging);
            builder.Services.AddTrainingWorker(options);
            builder.Services.AddSingleton<ITrainingJobRunner>(new TrainingJobRunner(
                target.CreateCheckpointStore(logging),
                target.CreateTrajectoryStore(logging),
                target.CreateTenantFiles(),
                target.CreateEnvironmentSource(StorageOptions.FromConfiguration(configuration).EnvironmentCacheFolder, logging),
                runnerOptions,
                logging));
            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (inProcess)
                {
                    var trainingQueue = host.Services.GetRequiredService<InProcessTrainingQueue>();
                    foreach (var job in submitted)
                    {
                        console.MarkupLine($"Training [bold]{Markup.Escape(job.JobId)}[/] ({Markup.Escape(job.Kind.ToString())}) into {Markup.Escape(job.Output.ToString())} in {Markup.Escape(target.Description)}");
                        TrainingJobResult result;
                        try
                        {
                            result = await trainingQueue.SubmitAsync(job, cancellationToken).ConfigureAwait(false);
                        }
                        catch (TrainingJobFailedException ex)
                        {
                            throw new CliException(ex.Message);
                        }

                        console.WriteLine(result.AlreadyTrained ? $"{result.Checkpoint} was trained already." : $"Stored {result.Checkpoint}.");
                    }
                }
                else
                {
                    console.MarkupLine($"Training the jobs of queue [bold]{Markup.Escape(options.QueueName)}[/] into {Markup.Escape(target.Description)}; Ctrl+C stops (a running job saves a partial checkpoint first).");
                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        // Ctrl+C is how a worker ends: a normal exit.
                    }
                }
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            console.MarkupLine("Stopped.");
            return 0;
        });
        return command;
    }

    private static TrainingJob ReadJob(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"--job: {path} does not exist");
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), TrainingJobJsonContext.Default.TrainingJob) ?? throw new CliException($"{path}: not a training job");
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path}: {ex.Path}: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"{path}: {ex.Message.Split(" (Parameter")[0]}");
        }
    }
}
