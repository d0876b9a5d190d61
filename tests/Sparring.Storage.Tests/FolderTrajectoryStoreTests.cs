using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

public sealed class FolderTrajectoryStoreTests : TrajectoryStoreBehaviourTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sparring-store-").FullName;
    private readonly FolderTrajectoryStore _store;

    public FolderTrajectoryStoreTests() => _store = new FolderTrajectoryStore(_root);

    protected override ITrajectoryStore Store => _store;

    [Fact]
    public async Task Files_have_the_layout_names_and_no_temporary_file_is_left()
    {
        await _store.WriteAsync(Run, Samples.Trajectory(Run, "refund.0"), CancellationToken.None);
        await _store.WriteAsync(Run, Samples.Trajectory(Run, "refund.0", "retried"), CancellationToken.None);
        await _store.WriteReportAsync(Run, Samples.Report(Run, 1), CancellationToken.None);
        await _store.WriteFileAsync(Run, "dataset.jsonl", new MemoryStream([1, 2, 3]), CancellationToken.None);
        await Assert.ThrowsAnyAsync<Exception>(() =>
            _store.WriteFileAsync(Run, "broken.jsonl", new FailingStream(new byte[1000], failAfter: 500), CancellationToken.None));

        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [$"acme/runs/{Run.RunId}/dataset.jsonl", $"acme/runs/{Run.RunId}/episodes/refund.0.json", $"acme/runs/{Run.RunId}/report.json"],
            files);
    }

    [Fact]
    public async Task A_file_open_for_reading_can_be_replaced()
    {
        await _store.WriteFileAsync(Run, "dataset.jsonl", new MemoryStream([1, 2, 3]), CancellationToken.None);
        await using var reading = await _store.OpenFileAsync(Run, "dataset.jsonl", CancellationToken.None);

        await _store.WriteFileAsync(Run, "dataset.jsonl", new MemoryStream([4, 5]), CancellationToken.None);

        Assert.NotNull(reading);
        Assert.Equal(1, reading.ReadByte());
        Assert.Equal([4, 5], await ReadFileAsync("dataset.jsonl"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
