using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

public sealed class StorageTargetTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sparring-target-").FullName;

    [Fact]
    public async Task A_folder_target_keeps_runs_and_checkpoints_under_the_same_root()
    {
        var target = StorageTarget.Folder(_root);
        var checkpoints = target.CreateCheckpointStore(NullLoggerFactory.Instance);
        var source = CheckpointSamples.Folder(weightsSize: 10);
        try
        {
            await checkpoints.SaveAsync("acme", new ModelReference("agent", "1"), source, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }

        Assert.Equal(_root, target.Description);
        Assert.IsType<FolderTrajectoryStore>(target.CreateTrajectoryStore(NullLoggerFactory.Instance));
        Assert.True(File.Exists(Path.Combine(_root, "acme", "models", "agent", "1", "manifest.json")));
    }

    [Fact]
    public void A_blob_target_makes_blob_stores_over_its_container()
    {
        var container = new BlobContainerClient(new Uri("http://127.0.0.1:1/devstoreaccount1/sparring"));
        var target = StorageTarget.Blob(container);

        Assert.IsType<BlobCheckpointStore>(target.CreateCheckpointStore(NullLoggerFactory.Instance));
        Assert.IsType<BlobTrajectoryStore>(target.CreateTrajectoryStore(NullLoggerFactory.Instance));
        Assert.Equal("http://127.0.0.1:1/devstoreaccount1/sparring", target.Description);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
