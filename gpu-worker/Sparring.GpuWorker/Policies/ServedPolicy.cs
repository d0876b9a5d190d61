using Microsoft.Extensions.AI;
using Sparring.Training.Checkpoints;
using Sparring.Training.Generation;

namespace Sparring.GpuWorker.Policies;

/// <summary>A served policy's chat client that owns what it generates with: disposing it releases the batcher and the weights.</summary>
internal sealed class ServedPolicy(IChatClient client, GenerationBatcher batcher, PolicyCheckpoint policy) : DelegatingChatClient(client)
{
    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
            policy.Dispose();
        }

        base.Dispose(disposing);
    }
}
