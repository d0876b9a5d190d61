using System.Text;
using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

/// <summary>Tenant files (transcript drops, nightly state) behave alike in Blob storage and in a folder.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TenantFilesTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sparring-tenant-files-").FullName;

    public static TheoryData<string> Kinds => ["blob", "folder"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Written_files_are_listed_under_their_prefix_in_order_and_read_back_whole(string kind)
    {
        var files = Create(kind);
        await files.WriteAsync("acme", "transcripts/2026/11/27/b.jsonl", Encoding.UTF8.GetBytes("second"), CancellationToken.None);
        await files.WriteAsync("acme", "transcripts/2026/11/26/a.jsonl", Encoding.UTF8.GetBytes("first"), CancellationToken.None);
        await files.WriteAsync("acme", "nightly/watermark.json", Encoding.UTF8.GetBytes("{}"), CancellationToken.None);
        await files.WriteAsync("other", "transcripts/2026/11/26/x.jsonl", Encoding.UTF8.GetBytes("not acme's"), CancellationToken.None);
        await files.WriteAsync("acme", "transcripts/2026/11/27/b.jsonl", Encoding.UTF8.GetBytes("second, rewritten"), CancellationToken.None);

        var listed = await files.ListAsync("acme", "transcripts/", CancellationToken.None);

        Assert.Equal(["transcripts/2026/11/26/a.jsonl", "transcripts/2026/11/27/b.jsonl"], listed.Select(file => file.Path));
        Assert.Equal("second, rewritten".Length, listed[1].Size);
        Assert.True(listed[1].LastModified > DateTimeOffset.UtcNow.AddMinutes(-5));
        await using var stream = await files.OpenReadAsync("acme", listed[1].Path, CancellationToken.None);
        Assert.Equal("second, rewritten", await new StreamReader(stream!).ReadToEndAsync());
        Assert.Empty(await files.ListAsync("nobody", "transcripts/", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => files.WriteAsync("acme", "../escape.txt", Array.Empty<byte>(), CancellationToken.None));
    }

    private ITenantFiles Create(string kind) => kind == "folder"
        ? new FolderTenantFiles(_root)
        : new BlobTenantFiles(StorageClientFactory.CreateContainerClient(
            new StorageOptions { ConnectionString = azurite.ConnectionString, Container = $"tenant-files-{Guid.NewGuid():N}"[..30] },
            StorageClientFactory.CreateClientOptions(new StorageOptions { ConnectionString = azurite.ConnectionString })));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
