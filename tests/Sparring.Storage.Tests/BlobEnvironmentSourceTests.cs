using Azure.Core;
using Azure.Storage.Blobs;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class BlobEnvironmentSourceTests : IAsyncLifetime
{
    private readonly RequestRecorder _requests = new();
    private readonly BlobContainerClient _container;
    private readonly string _work = Directory.CreateTempSubdirectory("sparring-env-").FullName;
    private readonly string _environment;
    private readonly BlobEnvironmentSource _source;
    private readonly EnvironmentReference _reference = new(Name: $"shop-{Guid.NewGuid():N}", Version: "1.0.0");

    public BlobEnvironmentSourceTests(AzuriteFixture azurite)
    {
        var options = new StorageOptions { ConnectionString = azurite.ConnectionString, Container = "sparring-env-tests" };
        var clientOptions = StorageClientFactory.CreateClientOptions(options);
        clientOptions.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        _container = StorageClientFactory.CreateContainerClient(options, clientOptions);
        _source = new BlobEnvironmentSource(_container, Path.Combine(_work, "cache"));
        _environment = Path.Combine(_work, "shop");
        Write("environment.yaml", "name: shop\nversion: 1.0.0\n");
        Write("state.json", new string('x', 200_000));
        Write("scenarios/refund.yaml", "- id: refund\n");
        Write("tools/lookup.js", "(args, state) => state.orders[args.id]");
    }

    public async Task InitializeAsync() =>
        await _source.UploadEnvironmentAsync("acme", _reference.Name!, _reference.Version!, _environment, CancellationToken.None);

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Upload_stores_every_file_under_the_environment_prefix()
    {
        var names = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"acme/envs/{_reference.Name}/1.0.0/" }))
        {
            names.Add(item.Name[$"acme/envs/{_reference.Name}/1.0.0/".Length..]);
        }

        Assert.Equal(["environment.yaml", "scenarios/refund.yaml", "state.json", "tools/lookup.js"], names);
    }

    [Fact]
    public async Task Materialize_downloads_the_environment_into_the_cache()
    {
        var folder = await _source.MaterializeAsync("acme", _reference, CancellationToken.None);

        Assert.StartsWith(Path.Combine(_work, "cache", "acme", _reference.Name!, "1.0.0"), folder, StringComparison.Ordinal);
        AssertSameFiles(_environment, folder);
    }

    [Fact]
    public async Task A_second_materialize_downloads_nothing()
    {
        var first = await _source.MaterializeAsync("acme", _reference, CancellationToken.None);
        _requests.Clear();

        var second = await _source.MaterializeAsync("acme", _reference, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(0, _requests.Downloads);
    }

    [Fact]
    public async Task A_changed_blob_is_downloaded_again()
    {
        var first = await _source.MaterializeAsync("acme", _reference, CancellationToken.None);
        Write("scenarios/refund.yaml", "- id: refund\n- id: exchange\n");
        Assert.Equal(1, await _source.UploadEnvironmentAsync("acme", _reference.Name!, "1.0.0", _environment, CancellationToken.None));
        _requests.Clear();

        var second = await _source.MaterializeAsync("acme", _reference, CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.True(_requests.Downloads > 0);
        Assert.Equal("- id: refund\n- id: exchange\n", File.ReadAllText(Path.Combine(second, "scenarios", "refund.yaml")));
        AssertSameFiles(_environment, second);
    }

    [Fact]
    public async Task Uploading_an_unchanged_folder_keeps_the_cache_valid()
    {
        var first = await _source.MaterializeAsync("acme", _reference, CancellationToken.None);

        Assert.Equal(0, await _source.UploadEnvironmentAsync("acme", _reference.Name!, "1.0.0", _environment, CancellationToken.None));

        Assert.Equal(first, await _source.MaterializeAsync("acme", _reference, CancellationToken.None));
    }

    [Fact]
    public async Task A_file_deleted_from_the_folder_is_deleted_from_storage()
    {
        File.Delete(Path.Combine(_environment, "tools", "lookup.js"));
        await _source.UploadEnvironmentAsync("acme", _reference.Name!, "1.0.0", _environment, CancellationToken.None);

        var folder = await _source.MaterializeAsync("acme", _reference, CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(folder, "tools", "lookup.js")));
        AssertSameFiles(_environment, folder);
    }

    [Fact]
    public async Task Callers_materializing_at_once_all_get_the_whole_folder()
    {
        var folders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => _source.MaterializeAsync("acme", _reference, CancellationToken.None))));

        Assert.Single(folders.Distinct());
        AssertSameFiles(_environment, folders[0]);
        var versionFolder = Path.GetDirectoryName(folders[0])!;
        Assert.Equal([folders[0]], Directory.GetDirectories(versionFolder));
    }

    [Fact]
    public async Task A_missing_environment_is_reported_by_name()
    {
        var ex = await Assert.ThrowsAsync<EnvironmentNotFoundException>(() =>
            _source.MaterializeAsync("acme", new EnvironmentReference(Name: "nothing-here", Version: "9"), CancellationToken.None));

        Assert.Contains("nothing-here@9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_without_name_and_version_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _source.MaterializeAsync("acme", new EnvironmentReference(Path: _environment), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _source.MaterializeAsync("acme", new EnvironmentReference(Name: "../x", Version: "1"), CancellationToken.None));
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_environment, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        static IEnumerable<string> Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal);

        Assert.Equal(Files(expected), Files(actual));
        foreach (var file in Files(expected))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(expected, file)), File.ReadAllBytes(Path.Combine(actual, file)));
        }
    }
}
