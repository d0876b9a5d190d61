namespace Sparring.Samples.Tests;

/// <summary>
/// Compares generated text with a committed file. With SPARRING_UPDATE_SAMPLES=1 it rewrites the file instead, which
/// is how the committed output is produced; the normal run then proves it is what the generator makes.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string path, string generated)
    {
        if (System.Environment.GetEnvironmentVariable("SPARRING_UPDATE_SAMPLES") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with SPARRING_UPDATE_SAMPLES=1 to write it");
        var committed = File.ReadAllText(path);
        if (committed == generated)
        {
            return;
        }

        var index = Enumerable.Range(0, Math.Min(committed.Length, generated.Length)).FirstOrDefault(i => committed[i] != generated[i], Math.Min(committed.Length, generated.Length));
        var line = committed.AsSpan(0, Math.Min(index, committed.Length)).Count('\n') + 1;
        Assert.Fail($"{path} differs from the generator's output from line {line} on (committed {committed.Length:N0} chars, generated {generated.Length:N0}); do not edit it by hand, regenerate it with SPARRING_UPDATE_SAMPLES=1");
    }
}
