using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

/// <summary>What every <see cref="ICheckpointStore"/> does, run against each implementation.</summary>
public abstract class CheckpointStoreBehaviourTests : IDisposable
{
    protected const string Tenant = "acme";

    private readonly List<string> _folders = [];

    protected abstract ICheckpointStore Store { get; }

    protected ModelReference Model { get; } = new($"agent-{Guid.NewGuid():N}", "1");

    /// <summary>A store whose save of the file <paramref name="fileName"/> of <paramref name="model"/> throws part way.</summary>
    protected abstract Task<ICheckpointStore> BreakingStoreAsync(ModelReference model, string fileName);

    /// <summary>Undoes what <see cref="BreakingStoreAsync"/> did to storage, so the next save can get through.</summary>
    protected abstract Task RepairAsync(ModelReference model, string fileName);

    /// <summary>Changes one byte of a stored file of the checkpoint, keeping its size.</summary>
    protected abstract Task CorruptAsync(ModelReference model, string fileName);

    [Fact]
    public async Task A_saved_checkpoint_downloads_byte_for_byte_with_its_manifest()
    {
        var source = Track(CheckpointSamples.Folder());
        var target = Track(Path.Combine(Path.GetTempPath(), $"sparring-download-{Guid.NewGuid():N}"));

        await Store.SaveAsync(Tenant, Model, source, CancellationToken.None);
        await Store.DownloadAsync(Tenant, Model, target, CancellationToken.None);

        Assert.True(await Store.ExistsAsync(Tenant, Model, CancellationToken.None));
        CheckpointSamples.AssertSameFiles(source, target);
        Assert.False(Directory.Exists(Path.Combine(target, "logs")));
        var manifest = await Store.GetManifestAsync(Tenant, Model, CancellationToken.None);
        Assert.NotNull(manifest);
        Assert.Equal((Model.Name, Model.Version), (manifest.Name, manifest.Version));
        Assert.Equal(["checkpoint.bin", "config.json", "metrics.jsonl", "tokenizer.json", "training.json"], manifest.Files.Select(f => f.Name));
        var weights = manifest.Files[0];
        Assert.Equal(CheckpointSamples.WeightsSize, weights.Size);
        Assert.Equal(CheckpointSamples.Sha256(Path.Combine(source, "checkpoint.bin")), weights.Sha256);
    }

    [Fact]
    public async Task A_save_that_breaks_off_leaves_no_checkpoint_and_a_second_save_completes_it()
    {
        var source = Track(CheckpointSamples.Folder(weightsSize: 100_000));
        CheckpointSamples.Write(source, "resume.bin", "only in the first attempt");
        var breaking = await BreakingStoreAsync(Model, "tokenizer.json");

        await Assert.ThrowsAnyAsync<Exception>(() => breaking.SaveAsync(Tenant, Model, source, CancellationToken.None));

        Assert.False(await Store.ExistsAsync(Tenant, Model, CancellationToken.None));
        Assert.Null(await Store.GetManifestAsync(Tenant, Model, CancellationToken.None));
        Assert.Empty(await Store.ListVersionsAsync(Tenant, Model.Name, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<CheckpointNotFoundException>(() => Store.DownloadAsync(Tenant, Model, Track(Temp()), CancellationToken.None));
        Assert.Contains($"{Tenant}/models/{Model.Name}/{Model.Version}/", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CheckpointNotFoundException>(() => Store.SetCurrentAsync(Tenant, Model, CancellationToken.None));

        await RepairAsync(Model, "tokenizer.json");
        File.Delete(Path.Combine(source, "resume.bin"));
        await Store.SaveAsync(Tenant, Model, source, CancellationToken.None);
        var target = Track(Temp());
        await Store.DownloadAsync(Tenant, Model, target, CancellationToken.None);

        CheckpointSamples.AssertSameFiles(source, target);
        Assert.Equal([Model.Version], await Store.ListVersionsAsync(Tenant, Model.Name, CancellationToken.None));
    }

    [Fact]
    public async Task A_corrupted_file_fails_the_download_naming_it_and_replaces_nothing()
    {
        var source = Track(CheckpointSamples.Folder(weightsSize: 300_000));
        await Store.SaveAsync(Tenant, Model, source, CancellationToken.None);
        await CorruptAsync(Model, "checkpoint.bin");
        var target = Track(Temp());
        Directory.CreateDirectory(target);
        CheckpointSamples.Write(target, "config.json", "the earlier config");

        var ex = await Assert.ThrowsAsync<CheckpointCorruptException>(() => Store.DownloadAsync(Tenant, Model, target, CancellationToken.None));

        Assert.True(ex.Message.Replace('\\', '/').Contains($"{Model.Name}/{Model.Version}/checkpoint.bin", StringComparison.Ordinal), ex.Message);
        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["config.json"], Directory.EnumerateFiles(target).Select(Path.GetFileName));
        Assert.Equal("the earlier config", File.ReadAllText(Path.Combine(target, "config.json")));
    }

    [Fact]
    public async Task The_current_pointer_names_a_complete_version_and_resolves()
    {
        var v2 = Model with { Version = "2" };
        await Store.SaveAsync(Tenant, Model, Track(CheckpointSamples.Folder(seed: 1, weightsSize: 1000)), CancellationToken.None);
        await Store.SaveAsync(Tenant, v2, Track(CheckpointSamples.Folder(seed: 2, weightsSize: 1000)), CancellationToken.None);

        Assert.Null(await Store.GetCurrentAsync(Tenant, Model.Name, CancellationToken.None));
        var none = await Assert.ThrowsAsync<CheckpointNotFoundException>(() => Store.ResolveAsync(Tenant, $"{Model.Name}@current", CancellationToken.None));
        Assert.Contains($"{Tenant}/models/{Model.Name}/current", none.Message, StringComparison.Ordinal);

        await Store.SetCurrentAsync(Tenant, Model, CancellationToken.None);
        Assert.Equal(Model, await Store.GetCurrentAsync(Tenant, Model.Name, CancellationToken.None));
        await Store.SetCurrentAsync(Tenant, v2, CancellationToken.None);

        Assert.Equal(v2, await Store.GetCurrentAsync(Tenant, Model.Name, CancellationToken.None));
        Assert.Equal(v2, await Store.ResolveAsync(Tenant, $"{Model.Name}@current", CancellationToken.None));
        Assert.Equal(Model, await Store.ResolveAsync(Tenant, $"{Model.Name}@1", CancellationToken.None));
        var absent = await Assert.ThrowsAsync<CheckpointNotFoundException>(() => Store.ResolveAsync(Tenant, $"{Model.Name}@3", CancellationToken.None));
        Assert.Contains($"{Tenant}/models/{Model.Name}/3/", absent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pointer_refuses_a_version_that_is_not_complete_and_keeps_the_old_one()
    {
        await Store.SaveAsync(Tenant, Model, Track(CheckpointSamples.Folder(weightsSize: 1000)), CancellationToken.None);
        await Store.SetCurrentAsync(Tenant, Model, CancellationToken.None);
        var broken = Model with { Version = "2" };
        var breaking = await BreakingStoreAsync(broken, "training.json");
        await Assert.ThrowsAnyAsync<Exception>(() => breaking.SaveAsync(Tenant, broken, Track(CheckpointSamples.Folder(seed: 2, weightsSize: 1000)), CancellationToken.None));

        var ex = await Assert.ThrowsAsync<CheckpointNotFoundException>(() => Store.SetCurrentAsync(Tenant, broken, CancellationToken.None));
        await Assert.ThrowsAsync<CheckpointNotFoundException>(() => Store.SetCurrentAsync(Tenant, Model with { Version = "never-saved" }, CancellationToken.None));

        Assert.Contains($"{Tenant}/models/{Model.Name}/2/", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Model, await Store.GetCurrentAsync(Tenant, Model.Name, CancellationToken.None));
    }

    [Fact]
    public async Task A_complete_version_is_immutable_but_saving_the_same_files_again_is_a_no_op()
    {
        var source = Track(CheckpointSamples.Folder(weightsSize: 1000));
        await Store.SaveAsync(Tenant, Model, source, CancellationToken.None);
        var first = await Store.GetManifestAsync(Tenant, Model, CancellationToken.None);

        await Store.SaveAsync(Tenant, Model, source, CancellationToken.None);
        var changed = Track(CheckpointSamples.Folder(seed: 2, weightsSize: 1000));
        File.Delete(Path.Combine(changed, "metrics.jsonl"));
        var ex = await Assert.ThrowsAsync<CheckpointConflictException>(() => Store.SaveAsync(Tenant, Model, changed, CancellationToken.None));

        Assert.Contains("checkpoint.bin differs", ex.Message, StringComparison.Ordinal);
        Assert.Contains("metrics.jsonl is missing", ex.Message, StringComparison.Ordinal);
        Assert.Equal(first?.CreatedAt, (await Store.GetManifestAsync(Tenant, Model, CancellationToken.None))?.CreatedAt);
        var target = Track(Temp());
        await Store.DownloadAsync(Tenant, Model, target, CancellationToken.None);
        CheckpointSamples.AssertSameFiles(source, target);
    }

    [Fact]
    public async Task Versions_list_only_complete_ones_in_numeric_order()
    {
        var folder = Track(CheckpointSamples.Folder(weightsSize: 100));
        foreach (var version in new[] { "10", "2", "1.10", "1", "1.9" })
        {
            await Store.SaveAsync(Tenant, Model with { Version = version }, folder, CancellationToken.None);
        }

        var other = new ModelReference($"{Model.Name}-other", "5");
        await Store.SaveAsync(Tenant, other, folder, CancellationToken.None);
        var broken = Model with { Version = "3" };
        var breaking = await BreakingStoreAsync(broken, "metrics.jsonl");
        await Assert.ThrowsAnyAsync<Exception>(() => breaking.SaveAsync(Tenant, broken, folder, CancellationToken.None));

        Assert.Equal(["1", "1.9", "1.10", "2", "10"], await Store.ListVersionsAsync(Tenant, Model.Name, CancellationToken.None));
        Assert.Equal(["5"], await Store.ListVersionsAsync(Tenant, other.Name, CancellationToken.None));
        Assert.Empty(await Store.ListVersionsAsync("other-tenant", Model.Name, CancellationToken.None));
        Assert.Empty(await Store.ListVersionsAsync(Tenant, "never-saved", CancellationToken.None));
    }

    [Fact]
    public async Task Bad_tenants_folders_and_file_names_are_refused_before_anything_is_stored()
    {
        var folder = Track(CheckpointSamples.Folder(weightsSize: 100));

        var tenant = await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync("../acme", Model, folder, CancellationToken.None));
        var name = await Assert.ThrowsAsync<ArgumentException>(() => Store.GetCurrentAsync(Tenant, "../secrets", CancellationToken.None));
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync(Tenant, Model, Path.Combine(folder, "nope"), CancellationToken.None));
        CheckpointSamples.Write(folder, CheckpointManifest.FileName, "{}");
        var reserved = await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync(Tenant, Model, folder, CancellationToken.None));
        File.Delete(Path.Combine(folder, CheckpointManifest.FileName));
        CheckpointSamples.Write(folder, ".hidden", "x");
        var hidden = await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync(Tenant, Model, folder, CancellationToken.None));

        Assert.Contains("Tenant '../acme'", tenant.Message, StringComparison.Ordinal);
        Assert.Contains("Model name (Name) '../secrets'", name.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("manifest.json", reserved.Message, StringComparison.Ordinal);
        Assert.Contains("'.hidden'", hidden.Message, StringComparison.Ordinal);
        Assert.False(await Store.ExistsAsync(Tenant, Model, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_folder_is_refused()
    {
        var folder = Track(Temp());
        Directory.CreateDirectory(folder);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Store.SaveAsync(Tenant, Model, folder, CancellationToken.None));

        Assert.Contains("holds no files", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    protected string Track(string folder)
    {
        _folders.Add(folder);
        return folder;
    }

    private static string Temp() => Path.Combine(Path.GetTempPath(), $"sparring-download-{Guid.NewGuid():N}");
}
