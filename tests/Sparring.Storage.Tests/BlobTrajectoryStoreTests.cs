using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobTrajectoryStoreTests : TrajectoryStoreBehaviourTests, IAsyncLifetime
{
    private const string ContainerName = "sparring-tests";

    private readonly AzuriteFixture _azurite;
    private readonly RequestRecorder _requests = new();
    private readonly BlobContainerClient _container;
    private readonly BlobTrajectoryStore _store;

    public BlobTrajectoryStoreTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _container = Container(ContainerName, _requests);

        // A small page size makes ReadAllAsync page through the listing even with a few hundred episodes.
        _store = new BlobTrajectoryStore(_container, new BlobTrajectoryStoreOptions { ListPageSize = 50 });
    }

    protected override ITrajectoryStore Store => _store;

    // The tests' other writers (the interloper) write straight to the container, so it must exist first.
    public async Task InitializeAsync() => await _container.CreateIfNotExistsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Blobs_have_the_layout_names()
    {
        await _store.WriteAsync(Run, Samples.Trajectory(Run, "refund.0"), CancellationToken.None);
        await _store.WriteAsync(Run, Samples.Trajectory(Run, "refund.0", "retried"), CancellationToken.None);
        await _store.WriteReportAsync(Run, Samples.Report(Run, 1), CancellationToken.None);
        await _store.WriteFileAsync(Run, "dataset.jsonl", new MemoryStream([1, 2, 3]), CancellationToken.None);

        var names = await BlobNamesAsync($"acme/runs/{Run.RunId}/");

        Assert.Equal(
            [$"acme/runs/{Run.RunId}/dataset.jsonl", $"acme/runs/{Run.RunId}/episodes/refund.0.json", $"acme/runs/{Run.RunId}/report.json"],
            names);
        var properties = await _container.GetBlobClient($"acme/runs/{Run.RunId}/episodes/refund.0.json").GetPropertiesAsync();
        Assert.Equal("application/json", properties.Value.ContentType);
    }

    [Fact]
    public async Task ReadAll_pages_through_the_listing()
    {
        foreach (var i in Enumerable.Range(0, 120))
        {
            await _store.WriteAsync(Run, Samples.Trajectory(Run, $"refund.{i:D3}"), CancellationToken.None);
        }

        _requests.Clear();
        var read = await _store.ReadAllAsync(Run, CancellationToken.None).ToListAsync();

        Assert.Equal(120, read.Select(t => t.EpisodeId).Distinct().Count());
        Assert.Equal(3, _requests.ListPages);
        Assert.Equal(120, _requests.Downloads);
    }

    [Fact]
    public async Task The_container_is_created_on_first_write()
    {
        var container = Container($"fresh-{Guid.NewGuid():N}", _requests);
        var store = new BlobTrajectoryStore(container);

        Assert.Empty(await store.ReadAllAsync(Run, CancellationToken.None).ToListAsync());
        Assert.Null(await store.ReadReportAsync(Run, CancellationToken.None));
        await store.WriteAsync(Run, Samples.Trajectory(Run, "refund.0"), CancellationToken.None);

        Assert.True(await container.ExistsAsync());
        Assert.True(await store.ExistsAsync(Run, "refund.0", CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_ETag_is_a_conflict_and_changes_nothing()
    {
        var first = await _store.ReplaceReportAsync(Run, Samples.Report(Run, 0.1), expected: null, CancellationToken.None);
        var winner = Samples.Report(Run, 0.2);
        var second = await _store.ReplaceReportAsync(Run, winner, first, CancellationToken.None);

        var stale = await Assert.ThrowsAsync<ReportConflictException>(() => _store.ReplaceReportAsync(Run, Samples.Report(Run, 0.3), first, CancellationToken.None));
        var created = await Assert.ThrowsAsync<ReportConflictException>(() => _store.ReplaceReportAsync(Run, Samples.Report(Run, 0.4), expected: null, CancellationToken.None));

        Assert.Contains(Run.ToString(), stale.Message, StringComparison.Ordinal);
        Assert.Contains("no report", created.Message, StringComparison.Ordinal);
        var current = await _store.ReadReportVersionAsync(Run, CancellationToken.None);
        Assert.NotNull(current);
        Assert.Equal(second, current.ETag);
        Assert.Equal(Samples.Json(winner), Samples.Json(current.Report));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_writer_that_loses_the_race_reads_the_ETag_again_and_retries(bool reportExists)
    {
        if (reportExists)
        {
            await _store.WriteReportAsync(Run, Samples.Report(Run, 0.1), CancellationToken.None);
        }

        var theirs = Samples.Report(Run, 0.2);
        var interloper = new ReportInterloper(Container(ContainerName).GetBlobClient($"acme/runs/{Run.RunId}/report.json"), theirs, times: 1);
        var store = new BlobTrajectoryStore(Container(ContainerName, interloper));
        var mine = Samples.Report(Run, 0.3);

        await store.WriteReportAsync(Run, mine, CancellationToken.None);

        Assert.Equal(2, interloper.ReportUploads);
        Assert.Equal(Samples.Json(mine), Samples.Json(await _store.ReadReportAsync(Run, CancellationToken.None)));
    }

    [Fact]
    public async Task A_writer_that_always_loses_gives_up_after_its_attempts()
    {
        var theirs = Samples.Report(Run, 0.2);
        var interloper = new ReportInterloper(Container(ContainerName).GetBlobClient($"acme/runs/{Run.RunId}/report.json"), theirs, times: int.MaxValue);
        var store = new BlobTrajectoryStore(Container(ContainerName, interloper), new BlobTrajectoryStoreOptions { ReportWriteAttempts = 3 });

        var ex = await Assert.ThrowsAsync<ReportConflictException>(() => store.WriteReportAsync(Run, Samples.Report(Run, 0.3), CancellationToken.None));

        Assert.Equal(3, interloper.ReportUploads);
        Assert.Contains("3 conditional writes", ex.Message, StringComparison.Ordinal);
        Assert.IsType<ReportConflictException>(ex.InnerException);
        Assert.Equal(Samples.Json(theirs), Samples.Json(await _store.ReadReportAsync(Run, CancellationToken.None)));
    }

    private BlobContainerClient Container(string name, HttpPipelinePolicy? policy = null)
    {
        var options = new StorageOptions { ConnectionString = _azurite.ConnectionString, Container = name };
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
}
