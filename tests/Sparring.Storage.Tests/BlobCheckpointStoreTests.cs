using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobCheckpointStoreTests : CheckpointStoreBehaviourTests, IAsyncLifetime
{
    private const string ContainerName = "sparring-checkpoint-tests";

    private readonly AzuriteFixture _azurite;
    private readonly UploadRecorder _uploads = new();
    private readonly BlobContainerClient _container;
    private readonly BlobCheckpointStore _store;

    public BlobCheckpointStoreTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _container = Container(ContainerName, _uploads);
        _store = new BlobCheckpointStore(_container);
    }

    protected override ICheckpointStore Store => _store;

    public async Task InitializeAsync() => await _container.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Blobs_have_the_layout_names_and_the_manifest_goes_up_after_every_file()
    {
        await _store.SaveAsync(Tenant, Model, Track(CheckpointSamples.Folder()), CancellationToken.None);
        await _store.SetCurrentAsync(Tenant, Model, CancellationToken.None);

        var prefix = $"acme/models/{Model.Name}/";
        Assert.Equal(
            [$"{prefix}1/checkpoint.bin", $"{prefix}1/config.json", $"{prefix}1/manifest.json", $"{prefix}1/metrics.jsonl", $"{prefix}1/tokenizer.json", $"{prefix}1/training.json", $"{prefix}current"],
            await BlobNamesAsync(prefix));
        var uploads = _uploads.Paths.Where(p => p.Contains(prefix, StringComparison.Ordinal)).ToList();
        Assert.EndsWith("/current", uploads[^1], StringComparison.Ordinal);
        Assert.EndsWith("/1/manifest.json", uploads[^2], StringComparison.Ordinal);
        Assert.Single(uploads, p => p.EndsWith("/manifest.json", StringComparison.Ordinal));

        // The weights went up in blocks (8 MiB each) committed together, not in one request.
        Assert.True(uploads.Count(p => p.EndsWith("/1/checkpoint.bin", StringComparison.Ordinal)) >= 3);
        var manifest = await _container.GetBlobClient($"{prefix}1/manifest.json").GetPropertiesAsync();
        Assert.Equal("application/json", manifest.Value.ContentType);
    }

    [Fact]
    public async Task A_save_run_again_after_breaking_off_uploads_only_what_is_missing()
    {
        var source = Track(CheckpointSamples.Folder(weightsSize: 50_000));
        var breaking = await BreakingStoreAsync(Model, "training.json");
        await Assert.ThrowsAnyAsync<Exception>(() => breaking.SaveAsync(Tenant, Model, source, CancellationToken.None));
        _uploads.Clear();

        await _store.SaveAsync(Tenant, Model, source, CancellationToken.None);

        Assert.Equal([$"acme/models/{Model.Name}/1/training.json", $"acme/models/{Model.Name}/1/manifest.json"], _uploads.Paths.Where(p => p.Contains("/acme/", StringComparison.Ordinal)).Select(p => p[p.IndexOf("acme/", StringComparison.Ordinal)..]));
    }

    [Fact]
    public async Task A_missing_container_reads_as_no_checkpoints_and_is_created_on_save()
    {
        var container = Container($"fresh-{Guid.NewGuid():N}");
        var store = new BlobCheckpointStore(container);

        Assert.False(await store.ExistsAsync(Tenant, Model, CancellationToken.None));
        Assert.Empty(await store.ListVersionsAsync(Tenant, Model.Name, CancellationToken.None));
        Assert.Null(await store.GetCurrentAsync(Tenant, Model.Name, CancellationToken.None));
        await store.SaveAsync(Tenant, Model, Track(CheckpointSamples.Folder(weightsSize: 100)), CancellationToken.None);

        Assert.True(await store.ExistsAsync(Tenant, Model, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_listed_in_the_manifest_but_deleted_fails_the_download_naming_it()
    {
        await _store.SaveAsync(Tenant, Model, Track(CheckpointSamples.Folder(weightsSize: 100)), CancellationToken.None);
        await _container.DeleteBlobAsync($"acme/models/{Model.Name}/1/tokenizer.json");

        var ex = await Assert.ThrowsAsync<CheckpointCorruptException>(() => _store.DownloadAsync(Tenant, Model, Track(Path.Combine(Path.GetTempPath(), $"sparring-download-{Guid.NewGuid():N}")), CancellationToken.None));

        Assert.Contains($"acme/models/{Model.Name}/1/tokenizer.json is listed in the manifest but missing", ex.Message, StringComparison.Ordinal);
    }

    protected override Task<ICheckpointStore> BreakingStoreAsync(ModelReference model, string fileName) =>
        Task.FromResult<ICheckpointStore>(new BlobCheckpointStore(Container(ContainerName, new FailingUpload($"/{model.Name}/{model.Version}/{fileName}"))));

    protected override Task RepairAsync(ModelReference model, string fileName) => Task.CompletedTask;

    protected override async Task CorruptAsync(ModelReference model, string fileName)
    {
        var blob = _container.GetBlobClient($"acme/models/{model.Name}/{model.Version}/{fileName}");
        var content = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        content[content.Length / 2] ^= 0xFF;
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true);
    }

    private BlobContainerClient Container(string name, HttpPipelinePolicy? policy = null)
    {
        var options = new StorageOptions { ConnectionString = _azurite.ConnectionString, Container = name, MaxRetries = 0 };
        var clientOptions = StorageClientFactory.CreateClientOptions(options);
        if (policy is not null)
        {
            clientOptions.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        return StorageClientFactory.CreateContainerClient(options, clientOptions);
    }

    private async Task<List<string>> BlobNamesAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }))
        {
            names.Add(item.Name);
        }

        return names;
    }

    /// <summary>Records the path of every PUT (uploads and staged blocks), in the order they were sent.</summary>
    private sealed class UploadRecorder : HttpPipelinePolicy
    {
        private readonly ConcurrentQueue<string> _paths = new();

        public IReadOnlyList<string> Paths => [.. _paths];

        public void Clear() => _paths.Clear();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Record(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Put)
            {
                _paths.Enqueue(message.Request.Uri.Path);
            }
        }
    }

    /// <summary>Fails every upload of one blob, as a connection dropped mid-save would.</summary>
    private sealed class FailingUpload(string pathSuffix) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Check(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Check(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.EndsWith(pathSuffix, StringComparison.Ordinal))
            {
                throw new IOException($"Upload of {pathSuffix} broke off.");
            }
        }
    }
}
