using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sparring.GpuWorker.Policies;
using Sparring.Serving.Endpoints;
using Sparring.Serving.Models;
using Sparring.Storage;
using Sparring.Telemetry;
using Sparring.Training.Jobs;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.DependencyInjection;

namespace Sparring.GpuWorker.Hosting;

/// <summary>
/// The worker's host: the training queue of the <c>Worker</c> section feeding a <see cref="TrainingJobRunner"/> over
/// the storage of <c>Sparring:Storage</c> (or <c>GpuWorker:StorageFolder</c>), and the checkpoints of <c>Serve</c>
/// on /v1/chat/completions. Telemetry goes to Azure Monitor and OTLP as <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> and
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> say (docs/observability.md).
/// </summary>
public static class GpuWorkerApp
{
    /// <summary>The service.name of the worker's telemetry.</summary>
    public const string ServiceName = "sparring-gpu-worker";

    /// <summary>Builds the app from the usual configuration sources (appsettings.json, environment variables, <paramref name="args"/>).</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or wrong; the message names its key.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var configuration = builder.Configuration;
        var worker = GpuWorkerOptions.FromConfiguration(configuration);
        var serve = ServeOptions.FromConfiguration(configuration);
        var storage = StorageOptions.FromConfiguration(configuration);
        var target = worker.StorageFolder is { } folder
            ? StorageTarget.Folder(folder)
            : StorageTarget.Blob(StorageClientFactory.CreateContainerClient(storage));

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = worker.ShutdownTimeout);
        builder.Services.AddSingleton(target);
        builder.Services.AddSingleton(sp => target.CreateCheckpointStore(sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<ITrainingJobRunner>(sp =>
        {
            var logging = sp.GetRequiredService<ILoggerFactory>();
            return new TrainingJobRunner(
                sp.GetRequiredService<Sparring.Abstractions.Storage.ICheckpointStore>(),
                target.CreateTrajectoryStore(logging),
                target.CreateTenantFiles(),
                target.CreateEnvironmentSource(storage.EnvironmentCacheFolder, logging),
                new TrainingJobRunnerOptions { WorkFolder = worker.WorkFolder, Device = worker.Device },
                logging);
        });
        builder.Services.AddSingleton(sp => CheckpointModels.Create(
            serve, sp.GetRequiredService<Sparring.Abstractions.Storage.ICheckpointStore>(), worker.Device, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddTrainingWorker(configuration);
        builder.Services.AddSparringTelemetry(ServiceName, TelemetryExporters.FromConfiguration(configuration));

        var app = builder.Build();
        app.MapChatCompletions(app.Services.GetRequiredService<ServedModels>());
        return app;
    }
}
