using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

public sealed class FolderEnvironmentSourceTests
{
    private readonly FolderEnvironmentSource _source = new();

    [Fact]
    public async Task An_existing_folder_or_spec_file_is_returned_as_it_is()
    {
        var folder = RepositoryPaths.Environment("medical-supply-support");
        var spec = Path.Combine(folder, "environment.yaml");

        Assert.Equal(folder, await _source.MaterializeAsync("acme", new EnvironmentReference(Path: folder), CancellationToken.None));
        Assert.Equal(spec, await _source.MaterializeAsync("acme", new EnvironmentReference(Path: spec), CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_path_is_named_in_the_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-env-{Guid.NewGuid():N}");

        var ex = await Assert.ThrowsAsync<EnvironmentNotFoundException>(() =>
            _source.MaterializeAsync("acme", new EnvironmentReference(Path: missing), CancellationToken.None));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_without_a_path_is_refused()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            _source.MaterializeAsync("acme", new EnvironmentReference(Name: "shop", Version: "1"), CancellationToken.None));

        Assert.Contains("shop@1", ex.Message, StringComparison.Ordinal);
    }
}
