using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue.DependencyInjection;
using Sparring.TrainingQueue.Processing;

namespace Sparring.TrainingQueue.Tests;

/// <summary>A sample job, its message body, and workers composed as the host composes them.</summary>
internal static class Jobs
{
    public static TrainingJob Sample(string jobId = "job-1", CompletionTarget? completion = null) => new()
    {
        JobId = jobId,
        Tenant = "contoso",
        Kind = TrainingKind.Ppo,
        Environment = new EnvironmentReference(Name: "medical-supply-support", Version: "1.0.0"),
        Output = new ModelReference("support-agent", "7"),
        Hyperparameters = new Dictionary<string, JsonElement> { ["learningRate"] = JsonSerializer.SerializeToElement(3e-4) },
        Completion = completion,
    };

    public static string Body(TrainingJob job) => JsonSerializer.Serialize(job, TrainingJobJsonContext.Default.TrainingJob);

    /// <summary>The worker's services for <paramref name="options"/>, with <paramref name="runner"/> as the trainer.</summary>
    public static ServiceProvider Services(TrainingWorkerOptions options, ITrainingJobRunner runner, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddTrainingWorker(options);
        services.AddSingleton(runner);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static TrainingJobProcessor Processor(ITrainingJobRunner runner, int maxAttempts = 3) =>
        Services(new TrainingWorkerOptions { Queue = TrainingQueueKind.InProcess, MaxAttempts = maxAttempts }, runner).GetRequiredService<TrainingJobProcessor>();
}
