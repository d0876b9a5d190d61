using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

public sealed class FolderCheckpointStoreTests : CheckpointStoreBehaviourTests
{
    private readonly string _root;
    private readonly FolderCheckpointStore _store;

    public FolderCheckpointStoreTests()
    {
        _root = Track(Directory.CreateTempSubdirectory("sparring-checkpoints-").FullName);
        _store = new FolderCheckpointStore(_root);
    }

    protected override ICheckpointStore Store => _store;

    [Fact]
    public async Task Files_have_the_layout_names_and_no_temporary_file_is_left()
    {
        await _store.SaveAsync(Tenant, Model, Track(CheckpointSamples.Folder(weightsSize: 1000)), CancellationToken.None);
        await _store.SetCurrentAsync(Tenant, Model, CancellationToken.None);

        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

        var prefix = $"acme/models/{Model.Name}/";
        Assert.Equal(
            [$"{prefix}1/checkpoint.bin", $"{prefix}1/config.json", $"{prefix}1/manifest.json", $"{prefix}1/metrics.jsonl", $"{prefix}1/tokenizer.json", $"{prefix}1/training.json", $"{prefix}current"],
            files);
    }

    // A folder where the file should go makes its move fail, as a full disk or a crash would, after earlier files are in.
    protected override Task<ICheckpointStore> BreakingStoreAsync(ModelReference model, string fileName)
    {
        Directory.CreateDirectory(FilePath(model, fileName));
        return Task.FromResult<ICheckpointStore>(_store);
    }

    protected override Task RepairAsync(ModelReference model, string fileName)
    {
        Directory.Delete(FilePath(model, fileName));
        return Task.CompletedTask;
    }

    protected override async Task CorruptAsync(ModelReference model, string fileName)
    {
        var path = FilePath(model, fileName);
        var content = await File.ReadAllBytesAsync(path);
        content[content.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(path, content);
    }

    private string FilePath(ModelReference model, string fileName) => Path.Combine(_root, "acme", "models", model.Name, model.Version, fileName);
}
