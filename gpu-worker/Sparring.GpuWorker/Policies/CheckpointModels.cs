using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Sparring.Abstractions.Storage;
using Sparring.Serving.Models;
using Sparring.Training.Tokenization;
using Sparring.Training.Chat;
using Sparring.Training.Checkpoints;
using Sparring.Training.Generation;
using Sparring.Training.Jobs;

namespace Sparring.GpuWorker.Policies;

/// <summary>
/// The served models of <see cref="ServeOptions"/>: each reference is resolved through the checkpoint store on its first
/// request ("name@current" then stays the version it named at that moment), downloaded into the cache folder unless it
/// is there complete, and loaded onto the worker's device.
/// </summary>
internal static class CheckpointModels
{
    public static ServedModels Create(ServeOptions options, ICheckpointStore checkpoints, string device, ILoggerFactory logging)
    {
        var served = new ServedModels();
        var logger = logging.CreateLogger(typeof(CheckpointModels).FullName!);
        foreach (var reference in options.Models)
        {
            served.Add(reference, cancellationToken => LoadAsync(reference, options, checkpoints, device, logging, logger, cancellationToken));
        }

        return served;
    }

    private static async Task<IChatClient> LoadAsync(string reference, ServeOptions options, ICheckpointStore checkpoints, string device, ILoggerFactory logging, ILogger logger, CancellationToken cancellationToken)
    {
        var tenant = options.Tenant!;
        var model = await checkpoints.ResolveAsync(tenant, reference, cancellationToken).ConfigureAwait(false);
        var folder = await CheckpointCache.FolderAsync(checkpoints, tenant, model, options.CacheFolder, cancellationToken).ConfigureAwait(false);
        var policy = PolicyCheckpoint.Load(folder, TrainingDevices.Resolve(device));
        var batcher = new GenerationBatcher(new SequenceGenerator(policy.Model, ChatTemplate.IsStopToken), 64, TimeSpan.FromMilliseconds(2), logging.CreateLogger<GenerationBatcher>());
        logger.LogInformation("Serving {Reference} as {Model}: {Shape}", reference, model, PolicyCheckpoint.Describe(policy.Config.Model));
        return new ServedPolicy(new PolicyChatClient(policy, batcher, reference, new PolicySampling()), batcher, policy);
    }
}
