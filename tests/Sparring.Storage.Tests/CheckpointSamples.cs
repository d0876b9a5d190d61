using System.Security.Cryptography;
using System.Text;

namespace Sparring.Storage.Tests;

/// <summary>Checkpoint folders as a trainer leaves them: small JSON files beside a weights file of several MB.</summary>
internal static class CheckpointSamples
{
    /// <summary>More than one 8 MiB block, so the Blob store uploads it in blocks.</summary>
    public const int WeightsSize = 12 * 1024 * 1024 + 321;

    public static string Folder(int seed = 1, int weightsSize = WeightsSize)
    {
        var folder = Directory.CreateTempSubdirectory("sparring-checkpoint-").FullName;
        var weights = new byte[weightsSize];
        new Random(seed).NextBytes(weights);
        File.WriteAllBytes(Path.Combine(folder, "checkpoint.bin"), weights);
        File.WriteAllText(Path.Combine(folder, "config.json"), $$"""{"layers":4,"seed":{{seed}}}""");
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), """{"vocab":{"a":0}}""");
        File.WriteAllText(Path.Combine(folder, "training.json"), """{"kind":"sft"}""");
        File.WriteAllText(Path.Combine(folder, "metrics.jsonl"), "{\"step\":1}\n{\"step\":2}\n");

        // Subfolders are not part of a checkpoint.
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        File.WriteAllText(Path.Combine(folder, "logs", "trace.txt"), "not saved");
        return folder;
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>The folder's files (not subfolders) by name, with their content.</summary>
    public static SortedDictionary<string, byte[]> Files(string folder) =>
        new(Directory.EnumerateFiles(folder).ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes), StringComparer.Ordinal);

    public static void AssertSameFiles(string expectedFolder, string actualFolder)
    {
        var expected = Files(expectedFolder);
        var actual = Files(actualFolder);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, content) in expected)
        {
            Assert.True(content.AsSpan().SequenceEqual(actual[name]), $"{name} differs after the round trip");
        }
    }

    public static void Write(string folder, string name, string text) => File.WriteAllText(Path.Combine(folder, name), text, Encoding.UTF8);
}
