using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;
using Sparring.Abstractions.Trajectories;
using Sparring.Storage;
using Sparring.Training.Tokenization;
using Sparring.Training.Checkpoints;
using Sparring.Training.Jobs;
using Sparring.Training.Model;
using Sparring.Abstractions.TrainingJobs;
using Sparring.TrainingQueue;
using Sparring.TrainingQueue.DependencyInjection;
using Sparring.TrainingQueue.InProcess;

namespace Sparring.GpuWorker.Tests;

/// <summary>A storage folder with transcripts, and a worker host on the in-process queue training with the real runner over it.</summary>
internal sealed class WorkerFixture : IAsyncDisposable
{
    public const string Tenant = "acme";
    public const string TranscriptPath = "transcripts/2026/01/02/support.jsonl";

    private WorkerFixture(string root, IHost host, LogCapture logs)
    {
        Root = root;
        Host = host;
        Logs = logs;
        Checkpoints = new FolderCheckpointStore(root);
    }

    public string Root { get; }

    public IHost Host { get; }

    public LogCapture Logs { get; }

    public ICheckpointStore Checkpoints { get; }

    public InProcessTrainingQueue Queue => Host.Services.GetRequiredService<InProcessTrainingQueue>();

    public static IReadOnlyList<IReadOnlyList<ChatMessageRecord>> Conversations { get; } =
    [
        [User("where is my order A1?"), Assistant("Let me look up order A1."), User("thanks"), Assistant("You're welcome!")],
        [User("cancel order A1 please"), Assistant("I can cancel A1. Shall I go ahead?"), User("yes"), Assistant("Done: A1 is cancelled.")],
        [User("my order is late"), Assistant("Which order is it?"), User("A2"), Assistant("A2 was delivered yesterday.")],
        [User("what is my balance?"), Assistant("Your balance is $25.00."), User("ok"), Assistant("Anything else?")],
    ];

    public static async Task<WorkerFixture> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("sparring-gpuworker-").FullName;
        var transcripts = Path.Combine(root, Tenant, TranscriptPath);
        Directory.CreateDirectory(Path.GetDirectoryName(transcripts)!);
        await File.WriteAllLinesAsync(transcripts, Conversations.Select(messages => JsonSerializer.Serialize(new { messages })));

        var logs = new LogCapture();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddTrainingWorker(new TrainingWorkerOptions { Queue = TrainingQueueKind.InProcess, MaxAttempts = 1, RetryDelay = TimeSpan.Zero });
        var target = StorageTarget.Folder(root);
        builder.Services.AddSingleton<ITrainingJobRunner>(sp =>
        {
            var logging = sp.GetRequiredService<ILoggerFactory>();
            return new TrainingJobRunner(
                target.CreateCheckpointStore(logging),
                target.CreateTrajectoryStore(logging),
                target.CreateTenantFiles(),
                target.CreateEnvironmentSource(Path.Combine(root, ".environments"), logging),
                new TrainingJobRunnerOptions { WorkFolder = Path.Combine(root, ".work"), Device = "cpu" },
                logging);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new WorkerFixture(root, host, logs);
    }

    /// <summary>A from-scratch SFT job on the transcripts, tiny enough to train in a second or two.</summary>
    public static TrainingJob SftJob(string jobId, ModelReference output, int epochs = 2, IReadOnlyDictionary<string, object>? extra = null)
    {
        var hyperparameters = new Dictionary<string, object>
        {
            ["epochs"] = epochs,
            ["batchSize"] = 2,
            ["layers"] = 1,
            ["width"] = 32,
            ["heads"] = 2,
            ["context"] = 64,
            ["vocabulary"] = 300,
            ["holdout"] = 0,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, object>())
        {
            hyperparameters[name] = value;
        }

        return new TrainingJob
        {
            JobId = jobId,
            Tenant = Tenant,
            Kind = TrainingKind.Sft,
            Environment = new EnvironmentReference("unused-by-sft"),
            Output = output,
            Datasets = [new DatasetReference(Path: TranscriptPath)],
            Hyperparameters = hyperparameters.ToDictionary(pair => pair.Key, pair => JsonSerializer.SerializeToElement(pair.Value)),
        };
    }

    /// <summary>Stores a tiny untrained policy, with a tokenizer of the transcripts, as <paramref name="model"/>.</summary>
    public async Task StorePolicyAsync(ModelReference model, int context = 128)
    {
        var tokenizer = TokenizerTrainer.Train(Conversations.SelectMany(messages => ChatTemplate.TextsOf(messages)), 300);
        using var policy = PolicyCheckpoint.Create(new TransformerConfig { VocabularySize = tokenizer.VocabularySize, ContextLength = context, Layers = 1, Width = 32, Heads = 2, InitSeed = 5 }, tokenizer);
        var folder = Path.Combine(Root, ".staging", model.ToString());
        policy.Save(folder, new TrainingMetadata { Kind = "init", CreatedAt = DateTimeOffset.UtcNow });
        await Checkpoints.SaveAsync(Tenant, model, folder, CancellationToken.None);
    }

    /// <summary>Downloads a stored checkpoint into a fresh folder.</summary>
    public async Task<string> DownloadAsync(ModelReference model)
    {
        var folder = Path.Combine(Root, ".downloads", $"{model}-{Guid.NewGuid():N}");
        await Checkpoints.DownloadAsync(Tenant, model, folder, CancellationToken.None);
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private static ChatMessageRecord User(string text) => new() { Role = "user", Content = text };

    private static ChatMessageRecord Assistant(string text) => new() { Role = "assistant", Content = text };
}
